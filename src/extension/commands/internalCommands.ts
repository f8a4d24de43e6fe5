// Ids of commands the Runs tree's rows run when clicked (registered in runCommands.ts and
// views/rowClicks.ts, not in the palette). They carry no arguments: see views/rowClicks.ts.

/**
 * Opens a run's dashboard but keeps the focus in the tree, like the Explorer's single click, so the
 * keyboard, a context menu or a quick pick opened right after is not closed when the webview takes the
 * focus. (The context menu's "Open Run" moves the focus to the dashboard.)
 */
export const PREVIEW_RUN_COMMAND = 'runboard.previewRun';

/** Opens what a checkpoint, image, file or problem row stands for (the row the click selected). */
export const OPEN_ROW_COMMAND = 'runboard.openRow';
