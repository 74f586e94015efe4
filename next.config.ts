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
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          {
            key: "Content-Security-Policy",
            value: [
              "default-src 'self'",
              "img-src 'self' data: blob:",
              "script-src 'self' 'unsafe-inline'",
              "style-src 'self' 'unsafe-inline'",
              "connect-src 'self'",
              "frame-ancestors 'none'",
              "object-src 'none'",
              "base-uri 'self'",
            ].join("; "),
          },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
        ],
      },
    ];
  },
};

export default nextConfig;
