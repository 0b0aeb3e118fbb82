/** The opening-morning waiting room (server/admission/waiting-room.ts). */
export const waitingRoomMessages = {
  title: "File d'attente — Récré",
  heading: "Beaucoup de familles se connectent en ce moment",
  position: (n: number) => (n <= 1 ? "Vous êtes le prochain à entrer." : `Vous êtes n° ${n} dans la file d'attente.`),
  estimate: (seconds: number) =>
    seconds < 60 ? `Attente estimée : moins d'une minute.` : `Attente estimée : environ ${Math.ceil(seconds / 60)} min.`,
  keepOpen: "Gardez cette page ouverte : elle se met à jour toute seule et vous fait entrer à votre tour, dans l'ordre d'arrivée. Inutile de la recharger.",
  fair: "Les places ne sont pas attribuées dans cette file : elle sert seulement à ce que le site reste rapide pour tous.",
  refreshNow: "Actualiser maintenant",
};
