import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase } from "./postgres-server";

const postgresUrl = inject("postgresUrl");

describe.skipIf(!postgresUrl)("throwaway PostgreSQL server", () => {
  let client: pg.Client;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: await createTestDatabase(postgresUrl) });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
  });

  it("runs PostgreSQL 15", async () => {
    const result = await client.query<{ server_version: string }>("SHOW server_version");
    expect(result.rows[0].server_version).toMatch(/^15\./);
  });

  it("stores and reads rows in its own database", async () => {
    await client.query("CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)");
    await client.query("INSERT INTO notes (body) VALUES ($1), ($2)", ["first", "second"]);
    const result = await client.query<{ body: string }>("SELECT body FROM notes ORDER BY id");
    expect(result.rows.map((row) => row.body)).toEqual(["first", "second"]);
  });
});
