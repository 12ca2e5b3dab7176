// The keelson VS Code extension: starts `keelson lsp` and lets vscode-languageclient do the rest.
// All linting happens in the keelson binary.

import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("keelson.restart", async () => {
      await stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (
        event.affectsConfiguration("keelson.enable") ||
        event.affectsConfiguration("keelson.path") ||
        event.affectsConfiguration("keelson.configPath")
      ) {
        await stop();
        await start();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function start(): Promise<void> {
  const config = vscode.workspace.getConfiguration("keelson");
  if (!config.get<boolean>("enable", true)) {
    return;
  }
  const command = config.get<string>("path") || "keelson";
  const configPath = config.get<string>("configPath") || undefined;
  const serverOptions: ServerOptions = {
    run: { command, args: ["lsp"] },
    debug: { command, args: ["lsp"] },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "dockerfile" },
      { scheme: "untitled", language: "dockerfile" },
      { scheme: "file", language: "dockercompose" },
      { scheme: "file", pattern: "**/{Dockerfile,Containerfile}{,.*}" },
      { scheme: "file", pattern: "**/*.{Dockerfile,dockerfile,Containerfile}" },
      { scheme: "file", pattern: "**/{compose,compose.*,docker-compose*}.{yml,yaml}" },
    ],
    // vscode-languageclient pulls diagnostics (textDocument/diagnostic) from servers that
    // offer it, so pushed diagnostics would show twice.
    initializationOptions: { configPath, pushDiagnostics: false },
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher(
        "**/{keelson.toml,.keelson.toml,.env}",
      ),
    },
  };
  client = new LanguageClient("keelson", "keelson", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    void vscode.window.showErrorMessage(
      `keelson: cannot start \`${command} lsp\` (set keelson.path): ${String(error)}`,
    );
    client = undefined;
  }
}

async function stop(): Promise<void> {
  if (client) {
    const running = client;
    client = undefined;
    await running.stop();
  }
}
