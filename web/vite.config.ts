import { paraglideVitePlugin } from '@inlang/paraglide-js';
import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    // Compiles messages/{pl,en}.json into typed message functions; the language is the `lang` cookie.
    paraglideVitePlugin({ project: './project.inlang', outdir: './src/lib/paraglide', strategy: ['cookie', 'baseLocale'], cookieName: 'lang' }),
    sveltekit({
      adapter: adapter(),
      // Only this site's scripts run (SvelteKit adds a nonce to its own inline start-up script); pages
      // cannot be framed. Styles may be inline (Svelte's style attributes); images may come from
      // organisations' logo addresses (https) and QR codes drawn in the page (data:).
      csp: {
        mode: 'auto',
        directives: {
          'default-src': ['self'],
          'script-src': ['self'],
          'style-src': ['self', 'unsafe-inline'],
          'img-src': ['self', 'data:', 'blob:', 'https:'],
          'connect-src': ['self'],
          'font-src': ['self'],
          'object-src': ['none'],
          'base-uri': ['self'],
          'form-action': ['self'],
          'frame-ancestors': ['none'],
        },
      },
    }),
  ],
  server: {
    // `npm run dev -w web` talks to the API started by `npm start -w server`.
    proxy: { '/graphql': { target: 'http://127.0.0.1:3000', ws: true } },
  },
});
