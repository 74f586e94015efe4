import { ToolLoopAgent } from "ai";
import { getEnvironment } from "@/lib/env";
import { getChatModel } from "@/lib/models/provider";
import { budgetedAgentLoop } from "./run-budget";
import type { SubAgentDefinition } from "./sub-agent-tool";
import { createGenerateImageTool } from "./tools/generate-image-tool";

export const imageAgentInstructions = `You are the image agent. Improve the user's prompt, then generate an image of it.
- First rewrite the request as a vivid, specific image prompt (subject, setting, style, lighting, composition), keeping every detail the user asked for.
- Call generate_image once with the improved prompt, and a size only when the request implies a shape.
- Then reply briefly, repeating the improved prompt you used.
- If generate_image fails, do not retry with the same prompt: tell the user plainly what the error says and what they can do.`;

export const imageAgent: SubAgentDefinition = {
  toolName: "image_agent",
  title: "Image agent",
  description:
    "Delegates an image request to the image agent, which refines the prompt and generates the image.",
  createAgent: (context, task) =>
    new ToolLoopAgent({
      model: getChatModel("image"),
      instructions: imageAgentInstructions,
      tools: {
        generate_image: createGenerateImageTool({
          traceId: context.traceId,
          chatId: context.chatId,
          request: task,
        }),
      },
      ...budgetedAgentLoop(context.budget, Math.min(4, getEnvironment().MAX_AGENT_STEPS)),
      telemetry: { functionId: "image_agent" },
    }),
};
