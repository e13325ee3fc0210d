// Generates the demo stores' logos and product images as small SVG files under
// `public/stores/<slug>/`, from the same list the seed uses (`convex/seed.ts`). The
// art is deterministic (seeded by the product slug), so re-running changes nothing
// unless the list changed. Nothing is fetched from the internet.
//
//   npx tsx scripts/generate-product-art.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  DEMO_STORES,
  logoPath,
  productImagePath,
  type DemoStore,
} from "../convex/seed";

const PUBLIC_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "public",
);
const SIZE = 400;

/** FNV-1a: a stable 32-bit seed from a string. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a tiny seeded PRNG so each product always gets the same picture. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hexToHsl(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  const r = ((n >> 16) & 255) / 255;
  const g = ((n >> 8) & 255) / 255;
  const b = (n & 255) / 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l * 100];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h =
    max === r
      ? (g - b) / d + (g < b ? 6 : 0)
      : max === g
        ? (b - r) / d + 2
        : (r - g) / d + 4;
  return [h * 60, s * 100, l * 100];
}

const hsl = (h: number, s: number, l: number) =>
  `hsl(${Math.round(((h % 360) + 360) % 360)}, ${Math.round(s)}%, ${Math.round(l)}%)`;

const round = (n: number) => Math.round(n * 10) / 10;

/** One shape of the product's motif, in a palette around the store's accent colour. */
function shape(
  rnd: () => number,
  kind: number,
  fill: string,
  hero: boolean,
): string {
  // The first shape is a large one near the centre; the rest are smaller accents
  // kept inside the frame so nothing looks accidentally cropped.
  const spread = hero ? 60 : 180;
  const cx = round(200 + (rnd() - 0.5) * spread);
  const cy = round(200 + (rnd() - 0.5) * spread);
  const r = round(hero ? 95 + rnd() * 30 : 28 + rnd() * 40);
  const opacity = round(0.55 + rnd() * 0.4);
  switch (kind) {
    case 0:
      return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fill}" opacity="${opacity}"/>`;
    case 1: {
      const angle = Math.round(rnd() * 90);
      return `<rect x="${round(cx - r / 2)}" y="${round(cy - r / 2)}" width="${r}" height="${r}" rx="${round(r / 8)}" fill="${fill}" opacity="${opacity}" transform="rotate(${angle} ${cx} ${cy})"/>`;
    }
    case 2: {
      const points = [0, 1, 2]
        .map((i) => {
          const a = (i * 2 * Math.PI) / 3 + rnd() * 0.6;
          return `${round(cx + r * Math.cos(a))},${round(cy + r * Math.sin(a))}`;
        })
        .join(" ");
      return `<polygon points="${points}" fill="${fill}" opacity="${opacity}"/>`;
    }
    default: {
      const w = round(r * 0.35);
      return `<path d="M ${round(cx - r)} ${cy} A ${r} ${r} 0 0 1 ${round(cx + r)} ${cy}" fill="none" stroke="${fill}" stroke-width="${w}" stroke-linecap="round" opacity="${opacity}"/>`;
    }
  }
}

function productSvg(
  store: DemoStore,
  productSlug: string,
  name: string,
  category: string,
): string {
  const rnd = random(hash(`${store.slug}/${productSlug}`));
  const [h, s] = hexToHsl(store.accentColor);
  // The category picks the dominant shape, so a category reads as a family.
  const categoryKind = hash(category) % 4;
  const hueShift = (rnd() - 0.5) * 60;
  const bgTop = hsl(h + hueShift, Math.min(s, 45), 92);
  const bgBottom = hsl(h + hueShift + 20, Math.min(s, 40), 84);
  const palette = [
    hsl(h, s, 38),
    hsl(h + 30 + hueShift, s * 0.8, 55),
    hsl(h + 180, s * 0.6, 62),
    hsl(h - 25, s * 0.9, 28),
  ];
  const count = 3 + Math.floor(rnd() * 3);
  const shapes = Array.from({ length: count }, (_, i) =>
    shape(
      rnd,
      i === 0 ? categoryKind : Math.floor(rnd() * 4),
      palette[i % palette.length],
      i === 0,
    ),
  );
  const id = `bg-${hash(productSlug).toString(36)}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}" role="img" aria-label="${escapeXml(name)}">
  <defs>
    <linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="${bgTop}"/>
      <stop offset="1" stop-color="${bgBottom}"/>
    </linearGradient>
  </defs>
  <rect width="${SIZE}" height="${SIZE}" fill="url(#${id})"/>
  ${shapes.join("\n  ")}
</svg>
`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter((w) => /^[A-Za-z]/.test(w))
    .slice(0, 2)
    .map((w) => w[0].toUpperCase())
    .join("");
}

function logoSvg(store: DemoStore): string {
  const [h, s] = hexToHsl(store.accentColor);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120" role="img" aria-label="${escapeXml(store.name)} logo">
  <rect width="120" height="120" rx="28" fill="${store.accentColor}"/>
  <circle cx="92" cy="28" r="14" fill="${hsl(h + 30, s, 70)}" opacity="0.8"/>
  <text x="60" y="76" text-anchor="middle" font-family="ui-sans-serif, system-ui, sans-serif" font-size="44" font-weight="700" fill="#ffffff">${initials(store.name)}</text>
</svg>
`;
}

function write(publicPath: string, svg: string): void {
  const file = join(PUBLIC_DIR, publicPath);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, svg);
}

let written = 0;
for (const store of DEMO_STORES) {
  write(logoPath(store.slug), logoSvg(store));
  written += 1;
  for (const p of store.products) {
    write(
      productImagePath(store.slug, p.slug),
      productSvg(store, p.slug, p.name, p.category),
    );
    written += 1;
  }
}
console.log(`Wrote ${written} SVG files under ${PUBLIC_DIR}/stores`);
