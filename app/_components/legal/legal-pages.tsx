import Link from "next/link";
import type { ReactNode } from "react";
import { SiteHeader } from "@/app/_components/site-header";
import { Card, Main, PageTitle } from "@/app/_components/ui";
import { env } from "@/config/env";
import type { CommuneLegalInfo } from "@/server/domain/legal/publisher";
import { ACCESSIBILITY_STATUS, LEGAL_DOCUMENTS, legalHref, type LegalDocument } from "./documents";

export { LEGAL_DOCUMENTS, type LegalDocument } from "./documents";

const STATEMENT_DATE = "2 décembre 2026";
/** The hand check of a sample of pages (scripts/a11y-hand-check.ts, screenshots looked at). */
const HAND_CHECK_DATE = "2 décembre 2026";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-2">
      <h2 className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function platformContact(): string {
  return env().LEGAL_CONTACT_EMAIL ?? "l'adresse de contact indiquée par l'exploitant";
}

function communeAddress(c: CommuneLegalInfo): string {
  return [c.addressLine, [c.postalCode, c.city].filter(Boolean).join(" ")].filter(Boolean).join(", ");
}

/** The commune's way to be reached, or a sentence saying to ask the town hall. */
function CommuneContact({ commune }: { commune: CommuneLegalInfo }) {
  const parts = [communeAddress(commune), commune.phone && `téléphone ${commune.phone}`, commune.email && `e-mail ${commune.email}`].filter(Boolean);
  return <>{parts.length ? parts.join(" · ") : "les coordonnées de la mairie"}</>;
}

export function LegalPage({ document, commune }: { document: LegalDocument; commune: CommuneLegalInfo | null }) {
  const title = LEGAL_DOCUMENTS[document];
  const Body = { "mentions-legales": LegalNotice, confidentialite: Privacy, "conditions-utilisation": Terms, accessibilite: Accessibility }[document];
  return (
    <>
      <SiteHeader title={commune ? commune.name : "Récré"} titleHref={commune ? `/${commune.slug}` : "/"} />
      <Main narrow>
        <PageTitle lead={commune ? `Espace famille de ${commune.name}` : "Portail famille Récré"}>{title}</PageTitle>
        <Card>
          <div className="space-y-6 text-sm leading-relaxed">
            <Body commune={commune} />
          </div>
        </Card>
        <nav aria-label="Autres informations légales" className="mt-6 text-sm">
          <ul className="flex flex-wrap gap-x-4 gap-y-2">
            {(Object.keys(LEGAL_DOCUMENTS) as LegalDocument[])
              .filter((d) => d !== document)
              .map((d) => (
                <li key={d}>
                  <Link className="underline" href={legalHref(d, commune?.slug)}>
                    {LEGAL_DOCUMENTS[d]}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
      </Main>
    </>
  );
}

function LegalNotice({ commune }: { commune: CommuneLegalInfo | null }) {
  const e = env();
  return (
    <>
      {commune ? (
        <Section title="Responsable du service">
          <p>
            Ce service est proposé aux familles par la commune de {commune.name} ({<CommuneContact commune={commune} />}
            {commune.siret ? `, SIRET ${commune.siret}` : ""}), responsable du traitement des données personnelles. Le directeur de la
            publication est le maire ou son représentant.
          </p>
        </Section>
      ) : null}
      <Section title="Éditeur de la plateforme">
        <p>
          {e.LEGAL_PUBLISHER}. {commune ? "Il agit pour le compte de la commune, en qualité de sous-traitant au sens du RGPD (article 28)." : ""} Contact :{" "}
          {platformContact()}.
        </p>
      </Section>
      <Section title="Hébergement">
        <p>{e.LEGAL_HOST}. Les données sont hébergées dans l&apos;Union européenne.</p>
      </Section>
      <Section title="Propriété intellectuelle">
        <p>Les contenus publiés par la commune (actualités, documents) restent sa propriété. Toute reproduction hors usage personnel nécessite son accord.</p>
      </Section>
    </>
  );
}

function Privacy({ commune }: { commune: CommuneLegalInfo | null }) {
  const controller = commune ? `la commune de ${commune.name}` : "chaque commune qui utilise Récré pour ses services";
  return (
    <>
      <Section title="Qui traite vos données">
        <p>
          Le responsable du traitement est {controller}. L&apos;éditeur de Récré est son sous-traitant : il héberge et fait fonctionner le
          service selon ses instructions et ne réutilise pas vos données à d&apos;autres fins.
        </p>
        {commune ? (
          <p>
            Délégué à la protection des données (DPO) de la commune :{" "}
            {commune.dpoContact || <>non renseigné pour le moment ; écrivez à la mairie (<CommuneContact commune={commune} />).</>}
          </p>
        ) : (
          <p>Chaque commune indique son délégué à la protection des données (DPO) sur la page « Données personnelles » de son espace.</p>
        )}
      </Section>
      <Section title="Données collectées et finalités">
        <ul className="list-disc space-y-1 pl-5">
          <li>Compte : adresse e-mail, nom, mot de passe (conservé sous forme chiffrée irréversible), pour vous identifier.</li>
          <li>Foyer et responsables légaux : identité, adresse, téléphone, quotient familial ou éléments fiscaux, pour inscrire, tarifer et facturer.</li>
          <li>Enfants : identité, date de naissance, école et classe, personnes autorisées à venir les chercher, photo facultative.</li>
          <li>Santé (allergies, régimes, PAI) : seulement ce qui est nécessaire à l&apos;accueil de l&apos;enfant ; chaque consultation par un agent est enregistrée.</li>
          <li>Réservations, présences, factures et paiements, pour organiser les services et les facturer.</li>
          <li>Sécurité : adresse IP des tentatives de connexion et de demandes de lien, pour freiner les attaques.</li>
        </ul>
      </Section>
      <Section title="Base légale">
        <p>
          Le traitement est nécessaire à l&apos;exécution des missions de service public de la commune (restauration scolaire, accueil
          périscolaire et de loisirs, petite enfance), article 6.1.e du RGPD, et au respect de ses obligations comptables (article 6.1.c).
          Les données de santé sont traitées pour assurer la sécurité de l&apos;enfant accueilli, à la demande de ses responsables légaux.
        </p>
      </Section>
      <Section title="Destinataires">
        <p>
          Les agents habilités de la commune (guichet, animateurs pour la liste du jour, services financiers), le comptable public pour
          les paiements, et les prestataires techniques de l&apos;éditeur (hébergement, envoi des e-mails, paiement en ligne), tous dans
          l&apos;Union européenne ou encadrés par des clauses contractuelles types.
        </p>
      </Section>
      <Section title="Durées de conservation">
        <ul className="list-disc space-y-1 pl-5">
          <li>
            Factures, avoirs et paiements : 10 ans, comme l&apos;exige la comptabilité publique ; après l&apos;effacement d&apos;un dossier, ils
            sont gardés sans nom, adresse, e-mail ni téléphone (« Famille effacée »).
          </li>
          <li>Dossier famille : tant que la famille utilise les services, puis effacé après la durée sans activité fixée par la commune (3 ans par défaut).</li>
          <li>Données de santé : effacées quand l&apos;enfant n&apos;a plus ni réservation ni inscription depuis la durée fixée par la commune (1 an par défaut).</li>
          <li>Journal des consultations et modifications des dossiers par les agents : 1 an par défaut (6 mois à 3 ans selon la commune).</li>
          <li>Traces de sécurité (tentatives de connexion) : 30 minutes ; sessions : 30 jours au plus.</li>
        </ul>
      </Section>
      <Section title="Vos droits">
        <p>
          Vous pouvez accéder à vos données, les faire rectifier, en demander l&apos;effacement (dans la limite de ce que la loi oblige à
          conserver), la limitation ou la portabilité, et vous opposer à un traitement. Depuis votre espace famille, la page « Mes
          données » vous permet de télécharger toutes vos données (archive ZIP) et de demander leur effacement ; pour le reste, écrivez au
          délégué à la protection des données de la commune ou à la mairie. Si vous estimez que vos droits ne sont pas respectés, vous pouvez saisir la CNIL (www.cnil.fr).
        </p>
      </Section>
      <Section title="Cookies">
        <p>
          Récré n&apos;utilise que les cookies indispensables à son fonctionnement : celui de votre session de connexion et ceux qui
          protègent les formulaires de connexion. Aucun cookie de mesure d&apos;audience, de publicité ou de réseau social n&apos;est déposé :
          c&apos;est pourquoi aucun bandeau ne vous demande votre consentement.
        </p>
      </Section>
    </>
  );
}

function Terms({ commune }: { commune: CommuneLegalInfo | null }) {
  const who = commune ? `la commune de ${commune.name}` : "la commune";
  return (
    <>
      <Section title="Objet">
        <p>
          Récré permet aux familles de réserver et de payer les services municipaux de leurs enfants, de tenir leur dossier à jour et
          d&apos;échanger avec la mairie. Les règles de chaque service (délais de réservation et d&apos;annulation, tarifs, facturation) sont
          fixées par {who} dans son règlement et s&apos;appliquent en plus des présentes conditions.
        </p>
      </Section>
      <Section title="Compte">
        <p>
          Votre compte est personnel. Gardez votre mot de passe secret ; en cas de doute, changez-le depuis « Mon compte » et utilisez
          « Se déconnecter partout », qui ferme toutes vos sessions. Les informations que vous saisissez doivent être exactes.
        </p>
      </Section>
      <Section title="Réservations et paiements">
        <p>
          Une réservation est confirmée lorsque le service l&apos;affiche comme telle. Les prix sont ceux fixés par la commune au moment de la
          réservation. Les paiements en ligne sont traités par le prestataire de paiement de la commune ; vous pouvez aussi payer au
          guichet.
        </p>
      </Section>
      <Section title="Disponibilité et responsabilité">
        <p>
          Le service est accessible en continu, sauf maintenance ou incident. En cas d&apos;indisponibilité, adressez-vous à la mairie pour
          toute réservation urgente.
        </p>
      </Section>
      <Section title="Droit applicable">
        <p>Ces conditions relèvent du droit français. Tout litige relève de la juridiction administrative compétente.</p>
      </Section>
    </>
  );
}

function Accessibility({ commune }: { commune: CommuneLegalInfo | null }) {
  const publisher = commune ? `La commune de ${commune.name}` : "L'éditeur de Récré";
  return (
    <>
      <p>
        {publisher} s&apos;engage à rendre ses services en ligne accessibles, conformément à l&apos;article 47 de la loi n° 2005-102 du 11 février
        2005. Cette déclaration d&apos;accessibilité s&apos;applique au portail famille Récré{commune ? ` de ${commune.name}` : ""}.
      </p>
      <Section title="État de conformité">
        <p>
          Le portail est <strong>{ACCESSIBILITY_STATUS}</strong> avec le référentiel général d&apos;amélioration de l&apos;accessibilité (RGAA),
          version 4.1 : aucun audit de ses 106 critères n&apos;a encore été réalisé, et le RGAA demande de déclarer « non conforme » un service
          qui n&apos;a pas été audité. Les vérifications faites à ce jour, automatiques et à la main, sont décrites ci-dessous ; elles ne
          remplacent pas un audit.
        </p>
      </Section>
      <Section title="Résultats des tests">
        <h3 className="font-semibold">Tests automatiques</h3>
        <p>
          À chaque version, des parcours dans un navigateur (Chromium) visitent les pages des familles, des agents et des administrateurs,
          sur ordinateur et sur un écran de 375 pixels de large ; chaque page visitée est analysée par axe-core selon les règles WCAG 2.1
          niveaux A et AA, et une version n&apos;est pas publiée tant qu&apos;une erreur grave ou critique subsiste, ni qu&apos;une page défile de
          côté sur téléphone. Ces tests ne couvrent qu&apos;une partie des critères.
        </p>
        <h3 className="font-semibold">Vérifications à la main du {HAND_CHECK_DATE}</h3>
        <p>
          Échantillon : la page de connexion, la page publique de la commune, le planning de réservation, le panier, le dossier famille, la
          liste des demandes et le formulaire de nouvelle demande (côté famille), la page Facturation (côté administrateur) ; chacune sur
          ordinateur (1280 pixels) et sur téléphone (375 pixels), au clavier seul (touche Tab, captures de chaque état de focus), avec
          mesure des contrastes (script <code>scripts/a11y-hand-check.ts</code>, captures regardées une à une).
        </p>
        <ul className="list-disc space-y-1 pl-5">
          <li>Langue de la page déclarée (critère 8.3) : conforme sur tout l&apos;échantillon.</li>
          <li>
            Titre de page pertinent (8.5, 8.6) : 20 pages n&apos;avaient que le titre générique du portail (dont le dossier famille et
            Facturation) ; corrigé, conforme sur l&apos;échantillon.
          </li>
          <li>Hiérarchie des titres (9.1) : un seul titre de niveau 1, aucun niveau sauté, sur tout l&apos;échantillon.</li>
          <li>Étiquettes des champs de formulaire (11.1, 11.2) : aucun champ sans étiquette sur l&apos;échantillon.</li>
          <li>
            Lien d&apos;évitement (12.7) : « Aller au contenu » est le premier arrêt de tabulation et mène au contenu ; conforme. Pas de
            piège au clavier (12.9) sur 13 à 40 arrêts de tabulation par page.
          </li>
          <li>
            Focus visible (10.7) : visible à chaque arrêt. Le champ « Mois facturé » (type mois) de Facturation n&apos;entourait que le petit
            bouton calendrier ; corrigé (contour de 3 pixels sur tout le champ, contraste 6,3:1) et revérifié au clavier à 1280 et 375 pixels
            le 2 décembre ; conforme sur l&apos;échantillon.
          </li>
          <li>
            Contraste du texte (3.2) : le plus faible mesuré est 7,25:1 (texte secondaire sur fond gris clair) ; texte principal 17,9:1,
            liens 7,9:1, boutons principaux (blanc sur indigo) 7,9:1, messages d&apos;erreur 6,5:1 ; conforme.
          </li>
          <li>
            Contraste des composants d&apos;interface (3.3) : la bordure des champs de saisie était à 1,5:1 sur fond blanc ; portée à 4,8:1,
            conforme.
          </li>
          <li>
            Zoom à 200 % (10.4) et affichage à 320 pixels de large (10.11) : aucun défilement horizontal de la page sur l&apos;échantillon.
          </li>
        </ul>
      </Section>
      <Section title="Contenus non accessibles">
        <h3 className="font-semibold">Non-conformités connues</h3>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            Les factures et attestations en PDF ne sont pas des documents balisés (critère 13.3) ; le contenu des factures est repris en HTML
            dans « Factures » et « Relevé ».
          </li>
          <li>Le planning de réservation en grille est long à parcourir avec un lecteur d&apos;écran ; la vue par semaine est plus simple.</li>
        </ul>
        <h3 className="font-semibold">Non vérifié à ce jour</h3>
        <ul className="list-disc space-y-1 pl-5">
          <li>Aucun test avec un lecteur d&apos;écran (NVDA, VoiceOver, TalkBack) ni avec une commande vocale.</li>
          <li>Les critères du RGAA autres que ceux listés ci-dessus, et les pages hors de l&apos;échantillon.</li>
        </ul>
        <p>Dérogation pour charge disproportionnée : aucune.</p>
        <p>Contenus non soumis à l&apos;obligation : les pages des prestataires de paiement en ligne, qui ne dépendent pas de la commune.</p>
      </Section>
      <Section title="Établissement de cette déclaration">
        <p>
          Déclaration établie le {STATEMENT_DATE}. Technologies utilisées : HTML5, CSS, JavaScript, WAI-ARIA. Environnement de test : Chromium
          avec axe-core, clavier seul.
        </p>
      </Section>
      <Section title="Retour d'information et contact">
        <p>
          Si vous n&apos;arrivez pas à accéder à un contenu ou à un service, contactez{" "}
          {commune ? (
            <>
              la mairie (<CommuneContact commune={commune} />)
            </>
          ) : (
            <>l&apos;éditeur ({platformContact()})</>
          )}{" "}
          pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.
        </p>
      </Section>
      <Section title="Voies de recours">
        <p>
          Si vous avez signalé un défaut d&apos;accessibilité qui vous empêche d&apos;accéder à un contenu ou à un service et que vous n&apos;avez pas
          obtenu de réponse satisfaisante, vous pouvez saisir le Défenseur des droits :
        </p>
        <ul className="list-disc space-y-1 pl-5">
          <li>par le formulaire en ligne : formulaire.defenseurdesdroits.fr ;</li>
          <li>en contactant le délégué du Défenseur des droits de votre région ;</li>
          <li>par téléphone : 09 69 39 00 00 ;</li>
          <li>par courrier, gratuitement et sans timbre : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li>
        </ul>
      </Section>
    </>
  );
}
