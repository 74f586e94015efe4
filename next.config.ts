import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and WebAssembly packages stay out of the server bundle and load from node_modules.
  serverExternalPackages: [
    "@lancedb/lancedb",
    "apache-arrow",
    "quickjs-emscripten",
    "pdfjs-dist",
    "mammoth",
    "linkedom",
    "@opentelemetry/sdk-trace-base",
    "@opentelemetry/exporter-trace-otlp-http",
    "@opentelemetry/context-async-hooks",
  ],
  poweredByHeader: false,
  // `npm test` runs `tsc --noEmit` over the whole project (tests included) before building.
  typescript: { ignoreBuildErrors: true },
  // Security headers and the Content-Security-Policy (with a nonce per page) are set in proxy.ts.
};

export default nextConfig;
