/** Column heads of the planning grid, Monday first. */
export const weekdayShort = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."];
