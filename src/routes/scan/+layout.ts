// The scanner is a client-side app: it must render from the service worker's cache with no network,
// so nothing here depends on a server render.
export const ssr = false;
