// Convex trusts tokens minted by our Next.js server. The issuer is this deployment's own
// site URL: `convex/http.ts` serves the OpenID discovery document and the JWKS there,
// built from the `JWKS` environment variable (the public half of
// `CONVEX_AUTH_PRIVATE_KEY`, which only the Next.js server holds).
const authConfig = {
  providers: [
    {
      domain: process.env.CONVEX_SITE_URL,
      applicationID: "convex",
    },
  ],
};

export default authConfig;
