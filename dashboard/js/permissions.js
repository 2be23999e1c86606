// Whether this token may send commands: the one place the page decides to show command
// buttons. The API has no roles yet, so this asks what the schema offers: a `viewer` or `me`
// query naming the token's role when one exists, else the Mutation type's fields (a token
// that may not send commands is expected to see none); with neither, the buttons show.
// The server refuses a command a token may not send either way: this only hides buttons.

import { MUTATION_FIELDS, ROOT_QUERY_FIELDS } from "./queries.js";

const COMMANDS = ["reset", "requestStartTransaction", "clearCache"];
const READ_ONLY_ROLES = new Set(["viewer", "VIEWER", "readonly", "READ_ONLY"]);

async function roleFromApi(api) {
  const { __schema: schema } = await api.request(ROOT_QUERY_FIELDS);
  const names = new Set(schema.queryType.fields.map((field) => field.name));
  for (const name of ["viewer", "me"]) {
    if (!names.has(name)) continue;
    const data = await api.request(`query Role { ${name} { role } }`);
    return data[name]?.role ?? null;
  }
  return null;
}

/** True when the page should show command buttons for this token. */
export async function canSendCommands(api) {
  try {
    const role = await roleFromApi(api);
    if (role !== null) return !READ_ONLY_ROLES.has(role);
    const { __type: mutation } = await api.request(MUTATION_FIELDS);
    const names = new Set((mutation?.fields ?? []).map((field) => field.name));
    return COMMANDS.some((name) => names.has(name));
  } catch (error) {
    console.warn("could not tell whether this token may send commands", error);
    return true;
  }
}
