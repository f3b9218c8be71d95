import { defineConfig } from 'vite';

// Built into web/dist, which `cruddur serve --web-root web/dist` serves from the API's own origin.
// The server's Content Security Policy allows only 'self': no inline scripts or styles, so the build emits
// only external /assets/* files (hashed, cached long) and an index.html that links them.
export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0, // no data: URLs for fonts/scripts; every asset is a file under /assets/
    modulePreload: { polyfill: false },
    sourcemap: false,
    rollupOptions: {
      onwarn(warning, warn) {
        // react-router ships "use client" for React Server Components; harmless in a browser bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // `npm run dev` against a running `cruddur serve` (CRUDDUR_URL, default 127.0.0.1:4567). changeOrigin:
    // the server answers only Host values naming itself (421 otherwise; doc/api.md "HTTP hygiene").
    proxy: { '/api': { target: process.env.CRUDDUR_URL || 'http://127.0.0.1:4567', changeOrigin: true } },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{js,jsx}'],
    env: { TZ: 'UTC' },
  },
});
