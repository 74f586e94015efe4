import http from "node:http";
import type { AddressInfo } from "node:net";

/** A real HTTP server on 127.0.0.1 with a random port, counting the requests it receives. */
export interface LocalServer {
  port: number;
  origin: string;
  hits: number;
  requests: http.IncomingMessage[];
  close(): Promise<void>;
}

/** Starts a local server for tests; `close` also ends connections a test left open (trickling bodies). */
export async function startLocalServer(handler: http.RequestListener): Promise<LocalServer> {
  const server = http.createServer((request, response) => {
    local.hits++;
    local.requests.push(request);
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const local: LocalServer = {
    port,
    origin: `http://127.0.0.1:${port}`,
    hits: 0,
    requests: [],
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return local;
}
