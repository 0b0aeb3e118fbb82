/** Where a stored file is downloaded: our route, which checks who may read it (app/api/fichiers). */
export const storedFileUrl = (commune: string, fileId: string) => `/api/fichiers/${encodeURIComponent(commune)}/${fileId}`;

/** A document sent with a pre-registration: for the family that sent it and the commune's front desk (app/api/preinscription). */
export const storedApplicationDocumentUrl = (commune: string, documentId: string) => `/api/preinscription/${encodeURIComponent(commune)}/pieces/${documentId}`;
