// Module hooks of forbid-dev-code.mjs (they run on Node's loader thread).
let forbidden = [];

export function initialize({ devDependencies }) {
  forbidden = devDependencies.map((name) => `/node_modules/${name}/`);
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  const { url } = resolved;
  if (/\.[cm]?tsx?$/.test(url) || forbidden.some((dir) => url.includes(dir))) {
    throw new Error(`not available in a production install: ${url} (imported as ${specifier} by ${context.parentURL})`);
  }
  return resolved;
}
