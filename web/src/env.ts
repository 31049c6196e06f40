import { defineEnvVars } from '@sveltejs/kit/env';

export const variables = defineEnvVars({
  API_URL: {
    description: 'GraphQL endpoint the server-side renderer calls (the API process, not the public URL).',
    schema: (value) => value || 'http://127.0.0.1:3000/graphql',
  },
});
