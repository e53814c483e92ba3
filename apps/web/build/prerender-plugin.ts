import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, type Plugin, type Rollup } from 'vite';
import { compressBeside } from './compress.ts';

type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;

/**
 * After the browser build: builds src/prerender.tsx for Node, renders `/` and `/lots` with it and
 * writes `dist/prerendered/<page>.<mode>.html` — the built index.html with the page's markup in
 * #root — for the server to send (apps/server/src/routes/web-app.ts).
 */
/**
 * The loader of a prerendered page (assets/boot-<page>-<hash>.js): the page is drawn from its HTML
 * and styles alone, so its code — the entry, its chunks, the dictionary, the page's chunks — is
 * fetched only after that first paint, instead of competing with the styles for a phone's
 * bandwidth. Returns its path under the build directory.
 */
function writeBoot(outDir: string, page: string, entry: string, files: string[]): string {
  const code = `// The ${page} page is prerendered: its code is fetched after the first paint.
const files = ${JSON.stringify(files.map((f) => `/${f}`))};
requestAnimationFrame(() => setTimeout(() => {
  for (const href of files) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = href;
    document.head.append(link);
  }
  import(${JSON.stringify(`/${entry}`)});
}));
`;
  const hash = createHash('sha256').update(code).digest('base64url').slice(0, 8);
  const file = `assets/boot-${page}-${hash}.js`;
  writeFileSync(join(outDir, file), code);
  return file;
}

/** Where the build keeps the Node bundle of src/prerender.tsx (under dist/; the server never serves it). */
export const SSR_DIR = 'ssr';

export function prerenderPages(): Plugin {
  let outDir = 'dist';
  let root = '.';
  let bundle: OutputBundle = {};
  /** The built files a page module needs: its chunk and static imports, and their styles. */
  const filesOf = (module: string) => {
    const entry = Object.values(bundle).find(
      (c): c is OutputChunk => c.type === 'chunk' && c.facadeModuleId === resolve(root, module),
    );
    if (!entry) throw new Error(`prerender: no chunk for ${module}`);
    const js = new Set<string>();
    const css = new Set<string>();
    const visit = (chunk: OutputChunk) => {
      if (js.has(chunk.fileName)) return;
      js.add(chunk.fileName);
      for (const f of chunk.viteMetadata?.importedCss ?? []) css.add(f);
      for (const i of chunk.imports) {
        const next = bundle[i];
        if (next?.type === 'chunk') visit(next);
      }
    };
    visit(entry);
    return { js: [...js], css: [...css] };
  };
  return {
    name: 'retaille-prerender',
    apply: (_config, env) => env.command === 'build' && !env.isSsrBuild,
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      root = config.root;
    },
    writeBundle(_options, output) {
      bundle = output;
    },
    async closeBundle() {
      // Kept in the build (dist/ssr/, not served): the server renders `/lots` with its first page
      // of results through it. Self-contained, since the server's image has no web node_modules.
      const ssrOut = join(outDir, SSR_DIR);
      rmSync(ssrOut, { recursive: true, force: true });
      await build({
        configFile: false,
        root,
        logLevel: 'warn',
        plugins: [react()],
        ssr: { noExternal: true },
        build: {
          ssr: 'src/prerender.tsx',
          outDir: ssrOut,
          emptyOutDir: true,
          sourcemap: false,
          copyPublicDir: false,
        },
      });
      const mod = (await import(
        pathToFileURL(join(ssrOut, 'prerender.js')).href
      )) as typeof import('../src/prerender.tsx');
      const template = readFileSync(join(outDir, 'index.html'), 'utf8');
      if (!template.includes('<div id="root"></div>')) throw new Error('index.html has no empty #root');
      mkdirSync(join(outDir, 'prerendered'), { recursive: true });
      // The browser build's entry and preloads, and its first-paint styles, as index.html names them.
      const entry = template.match(/<script type="module" crossorigin src="\/([^"]+)"><\/script>/)?.[1];
      if (!entry) throw new Error('index.html has no module entry');
      const preloads = [...template.matchAll(/<link rel="modulepreload" crossorigin href="\/([^"]+)">/g)].map(
        (m) => m[1]!,
      );
      const shell = template
        .replace(/\s*<script type="module" crossorigin src="[^"]+"><\/script>/, '')
        .replaceAll(/\s*<link rel="modulepreload" crossorigin href="[^"]+">/g, '');
      for (const [path, { name, module }] of Object.entries(mod.prerenderedPages)) {
        const { js, css } = filesOf(module);
        const boot = join(outDir, writeBoot(outDir, name, entry, [...new Set([...preloads, ...js])]));
        compressBeside(boot);
        const head = [
          ...css
            .filter((f) => !template.includes(`/${f}"`))
            .map((f) => `<link rel="stylesheet" crossorigin href="/${f}">`),
          `<script type="module" src="/${boot.slice(outDir.length + 1)}"></script>`,
        ].join('\n    ');
        // The page without its markup, for the server's own render (the head is the same).
        const pageShell = shell.replace('</head>', `  ${head}\n  </head>`);
        writeFileSync(join(outDir, 'prerendered', `${name}.shell.html`), pageShell);
        for (const mode of ['live', 'simulation'] as const) {
          const markup = await mod.prerender(path, mode);
          const file = join(outDir, 'prerendered', `${name}.${mode}.html`);
          const html = pageShell.replace('<div id="root"></div>', `<div id="root">${markup}</div>`);
          writeFileSync(file, html);
          compressBeside(file);
        }
      }
    },
  };
}
