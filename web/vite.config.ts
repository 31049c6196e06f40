import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit({ adapter: adapter() })],
  server: {
    // `npm run dev -w web` talks to the API started by `npm start -w server`.
    proxy: { '/graphql': { target: 'http://127.0.0.1:3000', ws: true } },
  },
});
