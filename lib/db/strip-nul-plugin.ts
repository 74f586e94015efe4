import {
  type KyselyPlugin,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type ValueNode,
} from "kysely";

const nul = String.fromCharCode(0);

function withoutNul(value: unknown): unknown {
  return typeof value === "string" && value.includes(nul) ? value.replaceAll(nul, "") : value;
}

class StripNulTransformer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    return { ...super.transformValue(node), value: withoutNul(node.value) };
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return { ...super.transformPrimitiveValueList(node), values: node.values.map(withoutNul) };
  }
}

/**
 * Removes NUL characters from every string the app stores. PostgreSQL refuses them in text columns
 * (SQLite keeps them), so a question or a file name with one would otherwise lose the conversation
 * on one backend only; a NUL carries nothing a reader can see.
 */
export class StripNulPlugin implements KyselyPlugin {
  private readonly transformer = new StripNulTransformer();

  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(node);
  }

  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}
