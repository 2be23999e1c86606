// Whether this token may send commands: the one place the page decides to show command
// buttons. It asks the API whose token it is (`me { role }`): a VIEWER sees no buttons.
// The server refuses a command a token may not send either way: this only hides buttons.

import { ME } from "./queries.js";

/** True when the page should show command buttons for this token. */
export async function canSendCommands(api) {
  try {
    const { me } = await api.request(ME);
    return me.role !== "VIEWER";
  } catch (error) {
    console.warn("could not tell whether this token may send commands", error);
    return true;
  }
}
