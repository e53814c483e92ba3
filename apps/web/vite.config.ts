import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { compressBeside } from './build/compress.ts';
import { prerenderPages } from './build/prerender-plugin.ts';

/**
 * Writes `.br` and `.gz` beside every text asset of the build; the server (@fastify/static with
 * `preCompressed`) sends them to browsers that accept them, so a phone downloads ~30 % of the bytes.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'retaille-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((f) => {
          const p = join(dir, f);
          return statSync(p).isDirectory() ? walk(p) : [p];
        });
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json)$/.test(file) || statSync(file).size < 1024) continue;
        compressBeside(file);
      }
    },
  };
}

/** `ANALYZE=1 vite build` lists, per chunk, the biggest modules it holds (what to split next). */
function analyze(): Plugin {
  return {
    name: 'retaille-analyze',
    apply: 'build',
    generateBundle(_options, bundle) {
      if (!process.env.ANALYZE) return;
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const mods = Object.entries(chunk.modules)
          .map(([id, m]) => [id.replace(/.*node_modules\/(\.pnpm\/)?/, ''), m.renderedLength] as const)
          .sort((a, b) => b[1] - a[1])
          .slice(0, Number(process.env.ANALYZE) || 12);
        console.log(
          `\n${chunk.fileName} ${chunk.isEntry ? '(entry)' : ''} imports: ${chunk.imports.join(', ')}`,
        );
        for (const [id, len] of mods) console.log(`  ${(len / 1024).toFixed(1).padStart(7)} kB  ${id}`);
      }
    },
  };
}

/** Preloads the French dictionary (the default language) with the entry, not after it runs. */
function preloadDefaultDictionary(): Plugin {
  return {
    name: 'retaille-preload-dictionary',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const file = Object.keys(ctx.bundle ?? {}).find((f) => /locale\.fr-[\w-]+\.js$/.test(f));
        if (!file) return [];
        return [
          {
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
            injectTo: 'head',
          },
        ];
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), analyze(), preloadDefaultDictionary(), precompress(), prerenderPages()],
  server: {
    port: 5173,
    proxy: {
      '/trpc': 'http://localhost:3000',
      '/healthz': 'http://localhost:3000',
      '/api': 'http://localhost:3000',
    },
  },
  // No source maps in the production build: the server serves dist/ publicly (and refuses *.map).
  // The map worker (maplibre, ~1 MB) is the only chunk above the default 500 kB warning: it is
  // loaded only by the pages that draw a map.
  build: { outDir: 'dist', sourcemap: false, chunkSizeWarningLimit: 1100 },
});
