import { mulberry32 } from '@retaille/domain';
import sharp from 'sharp';

/**
 * Demo photos: procedural textures per material family, drawn as SVG (fractal noise filters for
 * wood grain, leather grain, brushed metal, fibres; a woven pattern for textiles; translucent
 * sheets for acrylic) and rasterised by sharp at seed time. Nothing is fetched, so there is no
 * licence question and no network at start.
 */
export type DemoPhotoKind =
  | 'wood'
  | 'plywood'
  | 'textile'
  | 'leather'
  | 'acrylic'
  | 'metal'
  | 'cork'
  | 'paper';

const W = 800;
const H = 600;

/** fractalNoise coloured by a matrix: its first channel, scaled by `spread`, around the colour (r, g, b). */
function noiseFilter(id: string, freq: string, octaves: number, seed: number, rgb: number[], spread = 0.35) {
  const [r, g, b] = rgb.map((c) => c / 255) as [number, number, number];
  const row = (c: number) => `${spread} 0 0 0 ${c - spread / 2}`;
  return `<filter id="${id}" x="0" y="0" width="100%" height="100%">
<feTurbulence type="fractalNoise" baseFrequency="${freq}" numOctaves="${octaves}" seed="${seed}"/>
<feColorMatrix type="matrix" values="${row(r)} ${row(g)} ${row(b)} 0 0 0 0 1"/>
</filter>`;
}

/** A soft shadow and light from the top left, shared by every kind. */
const SHADOW = `<filter id="shadow" x="-10%" y="-10%" width="120%" height="130%"><feDropShadow dx="6" dy="10" stdDeviation="8" flood-opacity="0.35"/></filter>
<linearGradient id="light" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#fff" stop-opacity="0.18"/><stop offset="1" stop-color="#000" stop-opacity="0.18"/></linearGradient>`;

function hsl(h: number, s: number, l: number): number[] {
  const a = (s / 100) * Math.min(l / 100, 1 - l / 100);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l / 100 - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

function svgFor(kind: DemoPhotoKind, seed: number, hue: number): string {
  const r = mulberry32(seed);
  const defs: string[] = [SHADOW];
  const body: string[] = [];
  const bench = (fill: string) => body.push(`<rect width="${W}" height="${H}" fill="${fill}"/>`);
  switch (kind) {
    case 'wood': {
      const tone = hsl(24 + r() * 14, 45 + r() * 15, 42 + r() * 14);
      defs.push(noiseFilter('grain', `0.004 ${0.08 + r() * 0.06}`, 4, seed, tone, 0.5));
      bench('#d9d4cc');
      for (let y = 30, i = 0; y < H - 80; i++) {
        const h = 80 + r() * 40;
        const x = 20 + r() * 50;
        const w = W - 60 - r() * 180;
        body.push(
          `<g filter="url(#shadow)"><rect x="${x}" y="${y}" width="${w}" height="${h}" rx="3" filter="url(#grain)"/></g>`,
          `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="3" fill="url(#light)"/>`,
          `<rect x="${x + w - 14}" y="${y}" width="14" height="${h}" fill="#000" fill-opacity="0.12"/>`,
        );
        y += h + 14 + i;
      }
      break;
    }
    case 'plywood': {
      const face = hsl(36, 45, 70 + r() * 6);
      defs.push(noiseFilter('face', '0.006 0.05', 2, seed, face, 0.3));
      bench('#cfcac2');
      for (let i = 0; i < 4; i++) {
        const x = 50 + i * 45 + r() * 20;
        const y = 40 + i * 60;
        const w = 520 + r() * 120;
        const h = 330 - i * 40;
        body.push(
          `<g filter="url(#shadow)"><rect x="${x}" y="${y}" width="${w}" height="${h}" filter="url(#face)"/></g>`,
          `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="url(#light)"/>`,
        );
        for (let l = 0; l < 7; l++) {
          body.push(
            `<rect x="${x}" y="${y + h + l * 2.5}" width="${w}" height="2.5" fill="${l % 2 ? '#8b6a3e' : '#e2c796'}"/>`,
          );
        }
      }
      break;
    }
    case 'textile': {
      const base = hsl(hue, 35 + r() * 30, 40 + r() * 20);
      const dark = hsl(hue, 40, 28);
      defs.push(
        `<pattern id="weave" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="rgb(${base})"/><rect width="4" height="4" fill="rgb(${dark})" fill-opacity="0.35"/><rect x="4" y="4" width="4" height="4" fill="rgb(${dark})" fill-opacity="0.35"/><rect y="3.5" width="8" height="1" fill="#fff" fill-opacity="0.12"/></pattern>`,
        noiseFilter('fibre', '0.9 0.9', 2, seed, [128, 128, 128], 0.25),
        `<linearGradient id="fold" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#000" stop-opacity="0.25"/><stop offset="0.3" stop-color="#fff" stop-opacity="0.15"/><stop offset="0.55" stop-color="#000" stop-opacity="0.2"/><stop offset="0.8" stop-color="#fff" stop-opacity="0.1"/><stop offset="1" stop-color="#000" stop-opacity="0.3"/></linearGradient>`,
      );
      bench('#e7e3dc');
      for (let i = 0; i < 3; i++) {
        const y = 40 + i * 180 + r() * 20;
        const x = 30 + r() * 60;
        const w = 620 + r() * 120;
        body.push(
          `<g filter="url(#shadow)"><rect x="${x}" y="${y}" width="${w}" height="150" rx="14" fill="url(#weave)"/></g>`,
          `<rect x="${x}" y="${y}" width="${w}" height="150" rx="14" filter="url(#fibre)" opacity="0.18"/>`,
          `<rect x="${x}" y="${y}" width="${w}" height="150" rx="14" fill="url(#fold)"/>`,
          `<ellipse cx="${x + w}" cy="${y + 75}" rx="22" ry="75" fill="rgb(${dark})"/>`,
        );
      }
      break;
    }
    case 'leather': {
      const tone = hsl(18 + r() * 14, 45 + r() * 20, 26 + r() * 16);
      defs.push(
        `<filter id="hide"><feTurbulence type="fractalNoise" baseFrequency="0.35" numOctaves="2" seed="${seed}" result="n"/><feDiffuseLighting in="n" surfaceScale="2.2" lighting-color="rgb(${tone})" result="lit"><feDistantLight azimuth="235" elevation="55"/></feDiffuseLighting><feComposite in="lit" in2="SourceGraphic" operator="in"/></filter>`,
      );
      bench('#e9e4dc');
      for (let i = 0; i < 5; i++) {
        const cx = 140 + r() * 520;
        const cy = 110 + r() * 380;
        const pts = Array.from({ length: 9 }, (_, k) => {
          const a = (k / 9) * Math.PI * 2;
          const rad = 70 + r() * 90;
          return `${(cx + Math.cos(a) * rad).toFixed(1)},${(cy + Math.sin(a) * rad * 0.7).toFixed(1)}`;
        }).join(' ');
        body.push(
          `<g filter="url(#shadow)"><polygon points="${pts}" fill="#000" filter="url(#hide)"/></g>`,
          `<polygon points="${pts}" fill="none" stroke="#2a160a" stroke-opacity="0.6" stroke-width="2"/>`,
        );
      }
      break;
    }
    case 'acrylic': {
      defs.push(
        `<linearGradient id="gloss" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#fff" stop-opacity="0.55"/><stop offset="0.35" stop-color="#fff" stop-opacity="0"/><stop offset="0.7" stop-color="#fff" stop-opacity="0.25"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></linearGradient>`,
      );
      bench('#eef0f2');
      for (let i = 0; i < 5; i++) {
        const c = hsl((hue + i * 47) % 360, 75, 55);
        const x = 60 + i * 80 + r() * 30;
        const y = 50 + i * 60 + r() * 20;
        body.push(
          `<g filter="url(#shadow)"><rect x="${x}" y="${y}" width="400" height="280" rx="4" fill="rgb(${c})" fill-opacity="0.55"/></g>`,
          `<rect x="${x}" y="${y}" width="400" height="280" rx="4" fill="url(#gloss)" stroke="rgb(${c})" stroke-width="3"/>`,
        );
      }
      break;
    }
    case 'metal': {
      defs.push(
        noiseFilter('brushed', `0.002 ${0.6 + r() * 0.3}`, 2, seed, [175, 180, 186], 0.45),
        `<linearGradient id="sheen" x1="0" x2="1"><stop offset="0" stop-color="#000" stop-opacity="0.25"/><stop offset="0.45" stop-color="#fff" stop-opacity="0.35"/><stop offset="1" stop-color="#000" stop-opacity="0.3"/></linearGradient>`,
      );
      bench('#d6d3ce');
      for (let i = 0; i < 4; i++) {
        const x = 40 + r() * 80;
        const y = 40 + i * 135;
        const w = 560 + r() * 160;
        const h = 100 + r() * 20;
        body.push(
          `<g filter="url(#shadow)"><rect x="${x}" y="${y}" width="${w}" height="${h}" rx="2" filter="url(#brushed)"/></g>`,
          `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="2" fill="url(#sheen)" stroke="#4b5259" stroke-width="2"/>`,
        );
      }
      break;
    }
    case 'cork':
    case 'paper': {
      const tone = kind === 'cork' ? [176, 132, 88] : [214, 190, 150];
      defs.push(noiseFilter('fibres', kind === 'cork' ? '0.08' : '0.02 0.3', 2, seed, tone, 0.4));
      bench('#ddd8cf');
      for (let i = 0; i < 4; i++) {
        const x = 50 + i * 40 + r() * 30;
        const y = 40 + i * 70 + r() * 30;
        body.push(
          `<g filter="url(#shadow)"><rect x="${x}" y="${y}" width="${540 - i * 20}" height="${300 - i * 20}" filter="url(#fibres)" transform="rotate(${(r() - 0.5) * 8} ${x} ${y})"/></g>`,
        );
      }
      break;
    }
    default: {
      const never: never = kind;
      return never;
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><defs>${defs.join('')}</defs>${body.join('')}</svg>`;
}

/** Rendered photos by kind, seed and hue: the seed draws several lots of a kind with the same picture. */
const rendered = new Map<string, Promise<Buffer>>();

/** A JPEG photo of the material family; `seed` varies the layout and the grain. */
export function demoPhoto(kind: DemoPhotoKind, seed: number, hue = 200): Promise<Buffer> {
  const key = `${kind}:${seed}:${hue}`;
  let photo = rendered.get(key);
  if (!photo) {
    photo = sharp(Buffer.from(svgFor(kind, seed, hue)))
      .jpeg({ quality: 84 })
      .toBuffer();
    rendered.set(key, photo);
  }
  return photo;
}
