// Where a product image may come from: the store's own folder or a small inline raster
// image, nothing else. Convex and the staff form both apply this one rule.
import { describe, expect, test } from "vitest";
import { PRODUCT_IMAGE_INLINE_MAX } from "./limits";
import { productImageMessage, productImageProblem } from "./products";

const PNG_1PX =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

/** A well-formed inline PNG of at most `length` characters, as long as base64 allows. */
function inlineUpTo(length: number): string {
  const prefix = "data:image/png;base64,";
  const body = length - prefix.length;
  return `${prefix}${"A".repeat(body - (body % 4))}`;
}

describe("product images", () => {
  test.each([
    "/stores/alpine/logo.svg",
    "/stores/alpine/headlamp-400.svg",
    "/stores/alpine/trail_sling.v2.PNG",
    "/stores/alpine/a.jpg",
    "/stores/alpine/a.jpeg",
    "/stores/alpine/a.webp",
    "/stores/alpine/a.gif",
    PNG_1PX,
    "data:image/jpeg;base64,/9j/4AAQ",
    "data:image/webp;base64,UklGRg==",
    "data:image/gif;base64,R0lGODlhAQABAA==",
  ])("accepts %s for the alpine store", (image) => {
    expect(productImageProblem(image, "alpine")).toBeNull();
  });

  test.each([
    // Another store's folder, or none.
    "/stores/kyoto/logo.svg",
    "/stores/alpinex/logo.svg",
    "/stores/alpine",
    "/stores/alpine/",
    "/logo.svg",
    "/stores/logo.svg",
    "/api/health",
    // Escaping the folder or changing what is fetched.
    "/stores/alpine/../kyoto/logo.svg",
    "/stores/alpine/..svg",
    "/stores/alpine/a..svg",
    "/stores/alpine/%2e%2e/x.svg",
    "/stores/alpine//evil.example/x.svg",
    "/stores/alpine/sub/x.svg",
    "/stores/alpine/x.svg?v=1",
    "/stores/alpine/x.svg#a",
    "/stores/alpine/x\\y.svg",
    "/stores/alpine\\x.svg",
    "/stores/alpine/x.svg\n",
    "/stores/alpine/x\t.svg",
    "/stores/alpine/x y.svg",
    "/stores/alpine/.hidden.svg",
    "/stores/alpine/-x.svg",
    `/stores/alpine/${"a".repeat(200)}.svg`,
    // Not an image type we serve.
    "/stores/alpine/x.html",
    "/stores/alpine/x.svg.html",
    "/stores/alpine/x",
    // Other hosts: not allowed (no allow-list yet).
    "//evil.example/x.png",
    "https://evil.example/x.png",
    "https://cdn.example.com/stores/alpine/x.png",
    "http://localhost:3000/stores/alpine/logo.svg",
    "javascript:alert(1)",
    // Inline: SVG and non-images never; malformed base64 or type never.
    "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "data:text/html;base64,PHNjcmlwdD4=",
    "data:image/png,rawbytes",
    "data:image/png;base64,",
    "data:image/png;base64,abc",
    "data:image/png;base64,ab c=",
    "data:image/png;base64,abcd\n",
    "data:image/jpg;base64,abcd",
    "DATA:image/png;base64,abcd",
    "data:image/png;charset=utf-8;base64,abcd",
    "",
  ])("refuses %j with the message for a person", (image) => {
    expect(productImageProblem(image, "alpine")).toBe(
      "Use an image from /stores/alpine/… or paste an inline PNG, JPEG, WebP or GIF under 100 KB.",
    );
  });

  test("caps inline images at 100 000 characters", () => {
    const largest = inlineUpTo(PRODUCT_IMAGE_INLINE_MAX);
    expect(largest.length).toBeGreaterThan(PRODUCT_IMAGE_INLINE_MAX - 4);
    expect(productImageProblem(largest, "alpine")).toBeNull();
    const tooLarge = `${largest}AAAA`;
    expect(tooLarge.length).toBeGreaterThan(PRODUCT_IMAGE_INLINE_MAX);
    expect(productImageProblem(tooLarge, "alpine")).toBe(productImageMessage("alpine"));
  });

  test("an empty store slug matches no folder", () => {
    expect(productImageProblem("/stores//logo.svg", "")).not.toBeNull();
  });
});
