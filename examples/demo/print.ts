/** How the demo prints: plain lines, outputs with secrets masked as the Pulumi CLI does. */

/** Prints one line to stdout. */
export function say(line = ""): void {
  process.stdout.write(`${line}\n`);
}

/** Prints a section heading. */
export function heading(title: string): void {
  say();
  say(`== ${title}`);
}

/** Prints stack outputs, showing `[secret]` for the secret ones. */
export function printOutputs(outputs: Record<string, unknown>, secret: (name: string) => boolean): void {
  say("Outputs:");
  const width = Math.max(...Object.keys(outputs).map((k) => k.length));
  for (const name of Object.keys(outputs).sort()) {
    const value = secret(name) ? "[secret]" : JSON.stringify(outputs[name]);
    say(`    ${name.padEnd(width)}: ${value}`);
  }
}
