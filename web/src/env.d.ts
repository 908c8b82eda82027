// esbuild loads the widget's CSS as text (build.mjs); the apps' CSS is bundled as side effects.
declare module "*.css" {
  const text: string;
  export default text;
}
