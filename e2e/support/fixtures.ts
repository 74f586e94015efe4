/** A Markdown document with facts no model knows, so an answer that has them came from retrieval. */
export const widgetHandbook = `# Zorblax widget handbook

## Physical properties

The Zorblax widget is painted teal and weighs 4.2 kilograms.
It was designed in the town of Quillmouth in 1987.

## Care

Clean the widget with a dry cloth once a month. Never submerge it in water.
`;

export const openAIRequestLog = (port: number) => `http://127.0.0.1:${port}/__requests`;
