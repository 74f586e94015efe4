import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "Agent Team",
  description: "A multi-agent RAG assistant: chat, knowledge base, traces.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
