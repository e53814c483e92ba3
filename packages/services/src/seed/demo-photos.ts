import sharp from 'sharp';

/**
 * Demo photos, drawn here as SVG and rasterised by sharp: no third-party images, so no licence
 * question. Each kind looks like its material closely enough to make the catalogue readable.
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

function rand(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function svgFor(kind: DemoPhotoKind, seed: number, hue: number): string {
  const r = rand(seed);
  const W = 960;
  const H = 720;
  const parts: string[] = [];
  switch (kind) {
    case 'wood': {
      parts.push(`<rect width="${W}" height="${H}" fill="#efe6d8"/>`);
      let y = 40;
      while (y < H - 60) {
        const h = 70 + r() * 50;
        const tone = 30 + r() * 12;
        parts.push(
          `<rect x="${30 + r() * 60}" y="${y}" width="${W - 120 - r() * 200}" height="${h}" rx="4" fill="hsl(${tone},45%,${48 + r() * 12}%)" stroke="hsl(${tone},40%,30%)" stroke-width="2"/>`,
        );
        for (let g = 0; g < 6; g++) {
          const gy = y + 8 + r() * (h - 16);
          parts.push(
            `<path d="M60 ${gy} C ${300 + r() * 100} ${gy - 8}, ${500 + r() * 100} ${gy + 10}, ${W - 150} ${gy}" stroke="hsl(${tone},40%,35%)" stroke-width="1.5" fill="none" opacity="0.6"/>`,
          );
        }
        y += h + 18;
      }
      break;
    }
    case 'plywood': {
      parts.push(`<rect width="${W}" height="${H}" fill="#e9e4da"/>`);
      for (let i = 0; i < 5; i++) {
        const x = 60 + i * 40;
        const y = 60 + i * 50;
        parts.push(
          `<rect x="${x}" y="${y}" width="${560 + r() * 120}" height="${380 - i * 30}" fill="hsl(38,55%,${70 - i * 3}%)" stroke="#8a6a3a" stroke-width="3"/>`,
        );
        for (let l = 0; l < 5; l++) {
          parts.push(
            `<line x1="${x}" y1="${y + 380 - i * 30 - l * 4}" x2="${x + 560}" y2="${y + 380 - i * 30 - l * 4}" stroke="hsl(35,50%,${45 + (l % 2) * 20}%)" stroke-width="2"/>`,
          );
        }
      }
      break;
    }
    case 'textile': {
      parts.push(`<rect width="${W}" height="${H}" fill="hsl(${hue},35%,88%)"/>`);
      for (let i = 0; i < 4; i++) {
        const y = 80 + i * 150;
        parts.push(
          `<rect x="${40 + r() * 40}" y="${y}" width="${700 + r() * 160}" height="120" rx="60" fill="hsl(${(hue + i * 35) % 360},${45 + r() * 20}%,${45 + r() * 15}%)"/>`,
        );
        for (let s = 0; s < 30; s++) {
          const x = 60 + s * 26;
          parts.push(
            `<line x1="${x}" y1="${y + 8}" x2="${x + 12}" y2="${y + 112}" stroke="white" stroke-opacity="0.15" stroke-width="3"/>`,
          );
        }
      }
      break;
    }
    case 'leather': {
      parts.push(`<rect width="${W}" height="${H}" fill="#f1ebe3"/>`);
      for (let i = 0; i < 6; i++) {
        const cx = 150 + r() * 660;
        const cy = 120 + r() * 480;
        const pts = Array.from({ length: 7 }, (_, k) => {
          const a = (k / 7) * Math.PI * 2;
          const rad = 80 + r() * 90;
          return `${cx + Math.cos(a) * rad},${cy + Math.sin(a) * rad * 0.7}`;
        }).join(' ');
        parts.push(
          `<polygon points="${pts}" fill="hsl(${20 + r() * 12},${40 + r() * 20}%,${28 + r() * 18}%)" stroke="#3b2414" stroke-width="2"/>`,
        );
      }
      break;
    }
    case 'acrylic': {
      parts.push(`<rect width="${W}" height="${H}" fill="#f4f6f8"/>`);
      for (let i = 0; i < 5; i++) {
        parts.push(
          `<rect x="${80 + i * 90}" y="${60 + i * 70}" width="420" height="300" rx="6" fill="hsl(${(hue + i * 50) % 360},70%,60%)" fill-opacity="0.45" stroke="hsl(${(hue + i * 50) % 360},60%,40%)" stroke-width="3"/>`,
        );
      }
      break;
    }
    case 'metal': {
      parts.push(
        `<defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#9aa3ad"/><stop offset="0.5" stop-color="#e3e7eb"/><stop offset="1" stop-color="#8b939c"/></linearGradient></defs>`,
      );
      parts.push(`<rect width="${W}" height="${H}" fill="#e8e8e6"/>`);
      for (let i = 0; i < 4; i++) {
        parts.push(
          `<rect x="${60 + r() * 80}" y="${70 + i * 150}" width="${600 + r() * 200}" height="${90 + r() * 30}" rx="3" fill="url(#g)" stroke="#5b636b" stroke-width="2"/>`,
        );
      }
      break;
    }
    case 'cork':
    case 'paper': {
      parts.push(`<rect width="${W}" height="${H}" fill="${kind === 'cork' ? '#c8a27a' : '#f6f1e7'}"/>`);
      for (let i = 0; i < 400; i++) {
        parts.push(
          `<circle cx="${r() * W}" cy="${r() * H}" r="${1 + r() * 4}" fill="${kind === 'cork' ? '#8a6440' : '#c9bfae'}" opacity="0.6"/>`,
        );
      }
      break;
    }
    default: {
      const never: never = kind;
      return never;
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${parts.join('')}</svg>`;
}

export async function demoPhoto(kind: DemoPhotoKind, seed: number, hue = 200): Promise<Buffer> {
  return sharp(Buffer.from(svgFor(kind, seed, hue)))
    .jpeg({ quality: 85 })
    .toBuffer();
}
