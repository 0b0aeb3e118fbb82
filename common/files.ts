/** Where a stored file is downloaded: our route, which checks who may read it (app/api/fichiers). */
export const storedFileUrl = (commune: string, fileId: string) => `/api/fichiers/${encodeURIComponent(commune)}/${fileId}`;
