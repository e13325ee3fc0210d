// Trusts tokens issued by this deployment's own site URL (served from http.ts), like the app,
// plus a customJwt provider whose JWKS is inlined as a data URI.
const customJwks = process.env.CUSTOM_JWKS;

export default {
  providers: [
    { domain: process.env.CONVEX_SITE_URL!, applicationID: "convex" },
    ...(customJwks
      ? [
          {
            type: "customJwt" as const,
            issuer: "https://custom.example",
            jwks: `data:text/plain;charset=utf-8;base64,${Buffer.from(customJwks).toString("base64")}`,
            algorithm: "ES256" as const,
            applicationID: "custom-app",
          },
        ]
      : []),
  ],
};
