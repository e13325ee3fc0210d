// HTTP actions of the test project: OIDC discovery and JWKS for its own tokens, and an echo.
import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";
import { api } from "./_generated/api";

const http = httpRouter();

http.route({
  path: "/.well-known/openid-configuration",
  method: "GET",
  handler: httpAction(async () => {
    const issuer = process.env.CONVEX_SITE_URL;
    return Response.json({
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      authorization_endpoint: `${issuer}/oauth/authorize`,
    });
  }),
});

http.route({
  path: "/.well-known/jwks.json",
  method: "GET",
  handler: httpAction(
    async () =>
      new Response(process.env.JWKS ?? '{"keys":[]}', {
        headers: { "Content-Type": "application/json" },
      }),
  ),
});

http.route({
  path: "/echo",
  method: "POST",
  handler: httpAction(async (ctx, req) => {
    const body = await req.text();
    const count: number = await ctx.runQuery(api.messages.count, {});
    return Response.json({ body, count, cloud: process.env.CONVEX_CLOUD_URL, url: req.url });
  }),
});

export default http;
