// Demo data for a fresh database: three stores with a dozen products each, a demo
// owner who is staff of all three and a plain demo user. `init` is idempotent (the
// dev stack runs it on an empty database; running it again changes nothing), and it
// never overwrites rows that exist, so staff edits survive. Images are SVGs shipped
// under `public/stores/<slug>/`, generated from this same list by
// `scripts/generate-product-art.ts`.
import { v } from "convex/values";
import type { Id } from "./_generated/dataModel";
import { internalMutation, type MutationCtx } from "./_generated/server";

export type DemoProduct = {
  slug: string;
  name: string;
  description: string;
  category: string;
  priceMinor: number;
  stock: number;
};

export type DemoStore = {
  slug: string;
  name: string;
  description: string;
  currency: string;
  accentColor: string;
  products: DemoProduct[];
};

export const DEMO_OWNER_EMAIL = "owner@example.com";
export const DEMO_USER_EMAIL = "admin@example.com";

export const DEMO_STORES: DemoStore[] = [
  {
    slug: "alpine",
    name: "Alpine Outfitters",
    description:
      "Sturdy gear for long days in the mountains, tested above the tree line.",
    currency: "EUR",
    accentColor: "#2f6f4e",
    products: [
      {
        slug: "summit-pack-30",
        name: "Summit Pack 30 L",
        description: "A light day pack with a rain cover and hip-belt pockets.",
        category: "Packs",
        priceMinor: 12900,
        stock: 14,
      },
      {
        slug: "ridge-pack-45",
        name: "Ridge Pack 45 L",
        description: "For hut-to-hut tours: adjustable back, side access zip.",
        category: "Packs",
        priceMinor: 18900,
        stock: 6,
      },
      {
        slug: "trail-sling",
        name: "Trail Sling",
        description: "A small sling for map, phone and snacks.",
        category: "Packs",
        priceMinor: 3900,
        stock: 25,
      },
      {
        slug: "merino-base-layer",
        name: "Merino Base Layer",
        description: "Soft 200 g merino that stays warm when damp.",
        category: "Apparel",
        priceMinor: 7900,
        stock: 20,
      },
      {
        slug: "storm-shell-jacket",
        name: "Storm Shell Jacket",
        description: "Three-layer waterproof shell with a helmet-ready hood.",
        category: "Apparel",
        priceMinor: 24900,
        stock: 4,
      },
      {
        slug: "wool-beanie",
        name: "Wool Beanie",
        description: "Knitted in the valley from local wool.",
        category: "Apparel",
        priceMinor: 2900,
        stock: 40,
      },
      {
        slug: "hiking-socks",
        name: "Hiking Socks (2 pairs)",
        description: "Cushioned heel and toe, blister-free on long descents.",
        category: "Apparel",
        priceMinor: 2400,
        stock: 2,
      },
      {
        slug: "titanium-pot",
        name: "Titanium Pot 750 ml",
        description:
          "Boils half a litre in three minutes; the stove fits inside.",
        category: "Camp Kitchen",
        priceMinor: 4900,
        stock: 12,
      },
      {
        slug: "folding-spork",
        name: "Folding Spork",
        description:
          "Long enough to reach the bottom of a freeze-dried meal bag.",
        category: "Camp Kitchen",
        priceMinor: 1200,
        stock: 60,
      },
      {
        slug: "insulated-bottle",
        name: "Insulated Bottle 1 L",
        description: "Keeps tea hot from the car park to the summit.",
        category: "Camp Kitchen",
        priceMinor: 3400,
        stock: 0,
      },
      {
        slug: "headlamp-400",
        name: "Headlamp 400",
        description: "400 lumens, red night mode, USB-C charging.",
        category: "Accessories",
        priceMinor: 5900,
        stock: 18,
      },
      {
        slug: "trekking-poles",
        name: "Carbon Trekking Poles",
        description: "A pair of three-section poles, 390 g together.",
        category: "Accessories",
        priceMinor: 11900,
        stock: 8,
      },
    ],
  },
  {
    slug: "harbor",
    name: "Harbor Coffee Co.",
    description:
      "Small-batch coffee roasted by the water, and everything to brew it well.",
    currency: "USD",
    accentColor: "#8a4b2a",
    products: [
      {
        slug: "dockside-espresso",
        name: "Dockside Espresso",
        description: "Dark chocolate and molasses; 340 g whole beans.",
        category: "Beans",
        priceMinor: 1650,
        stock: 50,
      },
      {
        slug: "lighthouse-blend",
        name: "Lighthouse Blend",
        description: "A bright breakfast blend with citrus notes; 340 g.",
        category: "Beans",
        priceMinor: 1500,
        stock: 35,
      },
      {
        slug: "ethiopia-guji",
        name: "Ethiopia Guji",
        description: "Single origin, washed; jasmine and peach; 250 g.",
        category: "Beans",
        priceMinor: 1900,
        stock: 3,
      },
      {
        slug: "decaf-tide",
        name: "Low Tide Decaf",
        description: "Swiss-water decaf with a caramel finish; 340 g.",
        category: "Beans",
        priceMinor: 1600,
        stock: 22,
      },
      {
        slug: "pour-over-dripper",
        name: "Ceramic Pour-over Dripper",
        description: "Hand-thrown dripper for one or two cups.",
        category: "Brewing",
        priceMinor: 3200,
        stock: 15,
      },
      {
        slug: "gooseneck-kettle",
        name: "Gooseneck Kettle",
        description: "A slow, steady pour; 1 L stainless steel.",
        category: "Brewing",
        priceMinor: 5400,
        stock: 9,
      },
      {
        slug: "hand-grinder",
        name: "Burr Hand Grinder",
        description:
          "Conical steel burrs, 40 clicks from espresso to French press.",
        category: "Brewing",
        priceMinor: 8900,
        stock: 5,
      },
      {
        slug: "paper-filters",
        name: "Paper Filters (100)",
        description: "Unbleached filters that fit the ceramic dripper.",
        category: "Brewing",
        priceMinor: 800,
        stock: 120,
      },
      {
        slug: "anchor-mug",
        name: "Anchor Mug",
        description: "Stoneware mug, 350 ml, glazed in harbour blue.",
        category: "Mugs",
        priceMinor: 2200,
        stock: 30,
      },
      {
        slug: "travel-tumbler",
        name: "Travel Tumbler",
        description: "Leak-proof lid, fits every cup holder we tried.",
        category: "Mugs",
        priceMinor: 2800,
        stock: 16,
      },
      {
        slug: "espresso-cups",
        name: "Espresso Cups (set of 2)",
        description: "Thick-walled porcelain that keeps the crema.",
        category: "Mugs",
        priceMinor: 2400,
        stock: 0,
      },
      {
        slug: "canvas-tote",
        name: "Canvas Tote",
        description: "Heavy canvas tote with the harbour crest.",
        category: "Merch",
        priceMinor: 1800,
        stock: 40,
      },
    ],
  },
  {
    slug: "kyoto",
    name: "Kyoto Paper Works",
    description: "Notebooks, pens and washi from small workshops in Kyoto.",
    currency: "JPY",
    accentColor: "#b23a48",
    products: [
      {
        slug: "dot-grid-a5",
        name: "Dot Grid Notebook A5",
        description: "Thread-bound, 160 pages of fountain-pen-friendly paper.",
        category: "Notebooks",
        priceMinor: 1800,
        stock: 45,
      },
      {
        slug: "pocket-notebook",
        name: "Pocket Notebook (3 pack)",
        description: "Plain pages in a kraft cover, made to be carried.",
        category: "Notebooks",
        priceMinor: 990,
        stock: 60,
      },
      {
        slug: "travel-journal",
        name: "Leather Travel Journal",
        description: "Refillable cover in vegetable-tanned leather.",
        category: "Notebooks",
        priceMinor: 6800,
        stock: 7,
      },
      {
        slug: "sketchbook-b5",
        name: "Sketchbook B5",
        description: "Heavy 180 g paper that takes ink wash.",
        category: "Notebooks",
        priceMinor: 2200,
        stock: 2,
      },
      {
        slug: "brass-pen",
        name: "Brass Ballpoint",
        description: "Solid brass that darkens with use.",
        category: "Pens",
        priceMinor: 4500,
        stock: 12,
      },
      {
        slug: "fountain-pen",
        name: "Fountain Pen, Fine Nib",
        description: "Steel fine nib with a converter for bottled ink.",
        category: "Pens",
        priceMinor: 3800,
        stock: 10,
      },
      {
        slug: "brush-pen",
        name: "Brush Pen",
        description: "A soft synthetic brush for calligraphy.",
        category: "Pens",
        priceMinor: 650,
        stock: 80,
      },
      {
        slug: "sakura-ink",
        name: "Sakura Ink 50 ml",
        description: "A pale cherry-blossom pink ink.",
        category: "Pens",
        priceMinor: 2400,
        stock: 0,
      },
      {
        slug: "washi-seasons",
        name: "Washi Tape: Seasons",
        description: "Four rolls, one for each season.",
        category: "Washi Tape",
        priceMinor: 1200,
        stock: 50,
      },
      {
        slug: "washi-waves",
        name: "Washi Tape: Waves",
        description: "Indigo waves after an old woodblock print.",
        category: "Washi Tape",
        priceMinor: 450,
        stock: 70,
      },
      {
        slug: "desk-tray",
        name: "Hinoki Desk Tray",
        description: "Fragrant cypress tray for pens and clips.",
        category: "Desk",
        priceMinor: 5200,
        stock: 6,
      },
      {
        slug: "paper-weight",
        name: "Cast Iron Paperweight",
        description: "A small iron teapot that holds down your pages.",
        category: "Desk",
        priceMinor: 3300,
        stock: 9,
      },
    ],
  },
];

export function productImagePath(
  storeSlug: string,
  productSlug: string,
): string {
  return `/stores/${storeSlug}/${productSlug}.svg`;
}

export function logoPath(storeSlug: string): string {
  return `/stores/${storeSlug}/logo.svg`;
}

async function ensureUser(
  ctx: MutationCtx,
  email: string,
  name: string,
): Promise<Id<"users">> {
  const existing = await ctx.db
    .query("users")
    .withIndex("by_email", (q) => q.eq("email", email))
    .first();
  if (existing !== null) return existing._id;
  return ctx.db.insert("users", { email, name });
}

export const init = internalMutation({
  args: {},
  returns: v.object({ storesCreated: v.number(), productsCreated: v.number() }),
  handler: async (ctx) => {
    const ownerId = await ensureUser(ctx, DEMO_OWNER_EMAIL, "Demo Owner");
    await ensureUser(ctx, DEMO_USER_EMAIL, "Demo Admin");
    let storesCreated = 0;
    let productsCreated = 0;
    for (const demo of DEMO_STORES) {
      let store = await ctx.db
        .query("stores")
        .withIndex("by_slug", (q) => q.eq("slug", demo.slug))
        .unique();
      if (store === null) {
        const storeId = await ctx.db.insert("stores", {
          slug: demo.slug,
          name: demo.name,
          description: demo.description,
          currency: demo.currency,
          accentColor: demo.accentColor,
          logo: logoPath(demo.slug),
        });
        storesCreated += 1;
        // Products only come with a new store, so a store's edited catalog is kept.
        for (const p of demo.products) {
          await ctx.db.insert("products", {
            storeId,
            name: p.name,
            description: p.description,
            category: p.category,
            priceMinor: p.priceMinor,
            stock: p.stock,
            image: productImagePath(demo.slug, p.slug),
            archived: false,
          });
          productsCreated += 1;
        }
        store = await ctx.db.get(storeId);
      }
      if (store === null) continue;
      const storeId = store._id;
      const membership = await ctx.db
        .query("memberships")
        .withIndex("by_storeId_userId", (q) =>
          q.eq("storeId", storeId).eq("userId", ownerId),
        )
        .unique();
      if (membership === null) {
        await ctx.db.insert("memberships", {
          storeId,
          userId: ownerId,
          role: "owner",
        });
      }
    }
    return { storesCreated, productsCreated };
  },
});
