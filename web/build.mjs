// Builds the web front ends into dist/, which the silo serves (api/Hosting/WebAssets.cs):
//   widget.js             the visitor widget and JS SDK (one script tag; styles live in its shadow root)
//   workspace/, dashboard/, admin/, operator/  the agent workspace, the supervisor dashboard, the admin pages and the
//                         operators' cluster view (app.js + app.css)
//   /, pricing/, contact/  the sample company site (public/), assets/ shared fonts and styles
// esbuild bundles and strips types; `npm run typecheck` (tsc) checks them.
import { build } from "esbuild";
import { cp, mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));
const out = join(root, "dist");

const common = {
  bundle: true,
  minify: true,
  sourcemap: "linked",
  target: ["chrome100", "firefox100", "safari15"],
  jsx: "automatic",
  jsxImportSource: "preact",
  logLevel: "warning",
  legalComments: "linked",
};

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

await Promise.all([
  // The widget runs inside other companies' pages: one self-contained IIFE, CSS inlined as text.
  build({ ...common, entryPoints: { widget: "src/widget/index.tsx" }, outdir: out, format: "iife", loader: { ".css": "text" } }),
  build({ ...common, entryPoints: { "workspace/app": "src/workspace/main.tsx", "dashboard/app": "src/dashboard/main.tsx", "admin/app": "src/admin/main.tsx", "operator/app": "src/operator/main.tsx" }, outdir: out, format: "esm", splitting: true, chunkNames: "assets/chunks/[name]-[hash]", external: ["/assets/*"] }),
  build({ ...common, entryPoints: { "assets/site": "src/site/site.css" }, outdir: out, external: ["/assets/*"] }),
]);

await cp(join(root, "public"), out, { recursive: true });
const fonts = join(root, "node_modules/@fontsource-variable/inter/files");
await mkdir(join(out, "assets/fonts"), { recursive: true });
for (const subset of ["latin", "latin-ext"]) {
  await cp(join(fonts, `inter-${subset}-wght-normal.woff2`), join(out, `assets/fonts/inter-${subset}.woff2`));
}
await writeFile(join(out, ".build-stamp"), new Date().toISOString() + "\n");
console.log("web: built into", out);
