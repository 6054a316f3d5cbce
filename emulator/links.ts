/** Builds the `links` URLs of answers in the configured {@link NextLinkStyle}. */
import { NextLinkStyle } from "./types";

/** Writes a link to a REST path (without `/rest`) with a query, in one style. */
export type LinkBuilder = (restPath: string, query: Record<string, string>) => string;

/** A {@link LinkBuilder} for the emulator at `origin` (e.g. `http://127.0.0.1:4010`). */
export function linkBuilder(style: NextLinkStyle, origin: string): LinkBuilder {
  const prefix = style === "absolute" ? `${origin}/rest` : style === "relative" ? "/rest" : "";
  return (restPath, query) => {
    const search = new URLSearchParams(query).toString();
    return `${prefix}${restPath}${search ? `?${search}` : ""}`;
  };
}
