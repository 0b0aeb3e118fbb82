/**
 * The direction of imports between the project's layers, as ESLint rules (see docs/architecture.md).
 * Each layer lists what it must never import; tests/lint/layers.test.ts proves that each rule fires.
 */

const alias = (folder) => [`@/${folder}`, `@/${folder}/*`, `**/${folder}/*`];

/** Layer (files) → forbidden import groups with the reason shown. Globs are disjoint: a file is in one layer. */
export const layers = [
  {
    name: "common",
    files: ["common/**/*.{ts,tsx}"],
    forbid: [[["server", "db", "app", "config", "emails"], "common/ est du code pur, partagé avec le navigateur : il n'importe ni server/, ni db/, ni app/, ni config/."]],
  },
  { name: "config", files: ["config/**/*.ts"], forbid: [[["server", "db", "app"], "config/ ne lit que l'environnement."]] },
  { name: "db", files: ["db/**/*.ts"], forbid: [[["server", "app", "emails"], "db/ n'importe rien du serveur ni de l'interface : les types partagés vivent dans common/."]] },
  { name: "emails", files: ["emails/**/*.{ts,tsx}"], forbid: [[["server", "db", "app"], "Un gabarit d'e-mail ne reçoit que ses props."]] },
  {
    name: "domain",
    files: ["server/domain/**/*.ts"],
    forbid: [
      [["app"], "Le domaine n'importe jamais depuis app/."],
      [["server/routers", "server/trpc", "server/root", "server/context", "server/caller"], "Le domaine ne connaît pas tRPC : les procédures l'appellent, pas l'inverse."],
    ],
  },
  {
    name: "server",
    files: ["server/**/*.{ts,tsx}"],
    ignores: ["server/domain/**"],
    forbid: [[["app"], "Le serveur n'importe jamais depuis app/."]],
  },
  { name: "app", files: ["app/**/*.{ts,tsx}"], forbid: [[["db"], "Les pages passent par tRPC ou le domaine, jamais par la base."]] },
];

function restrictedImports(forbid) {
  return [
    "error",
    {
      patterns: forbid.map(([folders, message]) => ({ group: folders.flatMap(alias), message })),
    },
  ];
}

/** A client component runs in the browser: it takes values from common/ and the app only, types from anywhere. */
const clientImports = {
  meta: { type: "problem", schema: [], messages: { server: "Un composant client (\"use client\") n'importe de {{source}} que des types : le code partagé vit dans common/." } },
  create(context) {
    const directives = context.sourceCode.ast.body.filter((n) => n.type === "ExpressionStatement" && typeof n.directive === "string");
    if (!directives.some((n) => n.directive === "use client")) return {};
    const forbidden = /^(@\/|(\.\.\/)+)(server|db|config|emails)(\/|$)/;
    const check = (node, source, typeOnly) => {
      if (!typeOnly && forbidden.test(source)) context.report({ node, messageId: "server", data: { source } });
    };
    return {
      ImportDeclaration(node) {
        const typeOnly = node.importKind === "type" || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === "type"));
        check(node, node.source.value, typeOnly);
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value, node.exportKind === "type");
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value, node.exportKind === "type");
      },
      ImportExpression(node) {
        if (node.source.type === "Literal") check(node, String(node.source.value), false);
      },
    };
  },
};

export const layersPlugin = { rules: { "client-imports": clientImports } };

/** The flat-config blocks: one per layer, then the client-component rule everywhere in app/. */
export function layerConfigs() {
  return [
    ...layers.map((layer) => ({
      files: layer.files,
      ...(layer.ignores ? { ignores: layer.ignores } : {}),
      rules: { "no-restricted-imports": restrictedImports(layer.forbid) },
    })),
    { files: ["app/**/*.{ts,tsx}"], plugins: { layers: layersPlugin }, rules: { "layers/client-imports": "error" } },
  ];
}
