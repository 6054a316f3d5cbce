/**
 * Pending operations, as the engine journals them: an operation is written to the state before
 * its provider call starts and removed when the call ends, so a run killed in between leaves it
 * in the state (`pending_operations`).
 */
import { PendingOperation, ResourceState } from "./harness-state";

/** The pending operations of one harness operation; `flush` writes the state file at once. */
export class OperationJournal {
  /** Set once the host died under a call: the run counts as killed and starts nothing more. */
  killed = false;

  constructor(
    readonly operations: PendingOperation[],
    private readonly flush: () => void,
    private readonly diedDuring: (err: unknown) => Promise<boolean>,
  ) {}

  /**
   * Runs `call` as a pending `type` operation on `resource`. When the host died under it, the
   * operation stays pending and the journal is marked killed; the error is rethrown either way.
   */
  async around<T>(type: PendingOperation["type"], resource: ResourceState, call: () => Promise<T>): Promise<T> {
    const operation: PendingOperation = { type, resource };
    this.operations.push(operation);
    this.flush();
    try {
      const result = await call();
      this.remove(operation);
      return result;
    } catch (err) {
      if (await this.diedDuring(err)) this.killed = true;
      else this.remove(operation);
      throw err;
    }
  }

  private remove(operation: PendingOperation): void {
    const index = this.operations.indexOf(operation);
    if (index >= 0) this.operations.splice(index, 1);
  }
}
