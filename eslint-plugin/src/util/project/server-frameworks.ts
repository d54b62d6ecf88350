/**
 * Server frameworks: a package that needs one serves requests (etherpad-lite's and The Lounge's
 * servers, whose only entry is a `bin`), and its code does not all run in a page.
 */
export const SERVER_FRAMEWORKS: readonly string[] = [
  'express',
  'fastify',
  'koa',
  'socket.io',
  '@hapi/hapi',
  'restify',
  'polka',
  'hono',
  '@nestjs/core',
  '@apollo/server',
  'apollo-server',
];

/** Frameworks that render a package's pages on a server too: its modules are not all browser code. */
export const SERVER_RENDERING_FRAMEWORKS: readonly string[] = ['next', 'nuxt', '@sveltejs/kit', '@remix-run/node', '@remix-run/serve', 'astro', '@angular/ssr', 'vite-plugin-ssr', 'vike'];
