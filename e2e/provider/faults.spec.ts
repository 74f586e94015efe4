import { expect, test } from "@playwright/test";
import { ChatPage } from "../pages/chat-page";

test("a 429 from the model server is retried and the answer arrives", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.ask("[fault:429] Draw a small boat");
  await expect(chat.agentLane("Image agent").getByRole("img")).toBeVisible();
  await expect(chat.errorAlert()).toBeHidden();
});

test("a 500 ends the stream with an error that says what happened, and the server keeps serving", async ({
  page,
}) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.ask("[fault:500] Draw a tree");
  await expect(chat.errorAlert()).toContainText("HTTP 500");
  await chat.ask("Draw a tree");
  await expect(chat.agentLane("Image agent").getByRole("img")).toBeVisible();
});

test("a stream cut mid-answer ends with an error part and a failed trace", async ({ page, request }) => {
  const chat = new ChatPage(page);
  await chat.open();
  const response = page.waitForResponse((candidate) => candidate.url().endsWith("/api/chat"));
  await chat.ask("[fault:cut] Draw a bird");
  const traceId = (await response).headers()["x-trace-id"];
  await expect(chat.errorAlert()).toBeVisible();
  await expect
    .poll(
      async () => ((await (await request.get(`/api/traces/${traceId}`)).json()) as { status: string }).status,
    )
    .toBe("error");
});
