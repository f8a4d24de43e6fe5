// Ids of commands the Runs tree's rows run when clicked: registered in runCommands.ts, not in the palette.

/**
 * Opens a run's dashboard but keeps the focus in the tree, like the Explorer's single click, so the
 * keyboard, a context menu or a quick pick opened right after is not closed when the webview takes the
 * focus. (The context menu's "Open Run" moves the focus to the dashboard.)
 */
export const PREVIEW_RUN_COMMAND = 'runboard.previewRun';
