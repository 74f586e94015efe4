// Loopback fixtures for the web agent: a SearXNG-compatible search API and the pages it points to.
import { createServer } from "node:http";

const port = Number(process.argv[process.argv.indexOf("--port") + 1]);
const origin = `http://127.0.0.1:${port}`;

const pages: Record<string, string> = {
  "/pages/zorblax-festival.html": `<!doctype html><html><head><title>Zorblax Festival 2026</title></head><body>
    <nav><a href="/">Home</a> <a href="/about">About</a></nav>
    <article><h1>Zorblax Festival 2026</h1>
    <p>The Zorblax Festival takes place in the harbour town of Quillmouth every spring.</p>
    <p>This year the festival opens on 14 April 2026 and the parade features 312 paper lanterns.</p>
    <p>Tickets cost 18 euros and children under twelve enter for free.</p></article>
    <script>document.title = "hacked"</script></body></html>`,
};

const server = createServer((request, response) => {
  const url = new URL(request.url ?? "/", origin);
  if (url.pathname === "/health") return void response.end("ok");
  if (url.pathname === "/search") {
    const query = url.searchParams.get("q") ?? "";
    response.writeHead(200, { "content-type": "application/json" });
    response.end(
      JSON.stringify({
        query,
        results: [
          {
            title: "Zorblax Festival 2026",
            url: `${origin}/pages/zorblax-festival.html`,
            content: "Dates, parade and tickets for the Zorblax Festival.",
          },
          {
            title: "Cooking with lanterns",
            url: `${origin}/pages/missing.html`,
            content: "Unrelated recipes.",
          },
        ],
      }),
    );
    return;
  }
  const page = pages[url.pathname];
  if (!page) return void response.writeHead(404, { "content-type": "text/plain" }).end("not found");
  response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  response.end(page);
});

server.listen(port, "127.0.0.1");

// Fixture servers stop by themselves even if the test runner dies without stopping them.
setTimeout(() => process.exit(0), 30 * 60 * 1000).unref();
