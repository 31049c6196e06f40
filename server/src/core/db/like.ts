/** Escapes LIKE's wildcards (and its escape character), so a search for "100%" means those characters. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
