// Real code that cases of more than one rule are reduced from (the labeled corpus, eval/corpus.json).

/**
 * uptime-kuma server/socket-handlers/general-socket-handler.js: a socket handler whose awaits are
 * all inside a `try`; the first `catch` answers the acknowledgement, the second ignores the error
 * because the code after it answers "not found", and the last step calls the acknowledgement.
 */
export const PUSH_EXAMPLE_HANDLER = `socket.on("getPushExample", async (language, callback) => {
  try {
    checkLogin(socket);
  } catch (e) {
    callback({ ok: false, msg: e.message });
    return;
  }
  try {
    const dir = path.join("./extra/push-examples", language);
    const files = await fsAsync.readdir(dir);
    for (const file of files) {
      if (file.startsWith("index.")) {
        callback({ ok: true, code: await fsAsync.readFile(path.join(dir, file), "utf8") });
        return;
      }
    }
  } catch (e) {}
  callback({ ok: false, msg: "Not found" });
});`;
