import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, expectFitsScreen, launchBrowser, newPage, openPlanningMonth, signIn } from "./harness";

/**
 * « Done when » of issue 9, tried as a new user would, on a commune with no seed data: the operator
 * onboards Bourg-les-Pins, its admin builds its team and its canteen and imports its families, a new
 * parent pre-registers two children online, the agent accepts, the parent books, the invoice run bills.
 * Every step depends on the one before: the `it`s run in order on shared state.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Each step is a whole scenario of several pages (on a shared, loaded machine one took 140 s): more than one page's default budget. */
const STEP_TIMEOUT = 360_000;
/**
 * The commune is « Bourg-les-Pins »; its address and its people's e-mails carry this run's mark, so
 * a second run on the same server (or after any other journey) starts from nothing as the first did.
 */
const RUN = Date.now().toString(36);
const SLUG = `bourg-les-pins-${RUN}`;
const PASSWORD = "une phrase assez longue";
const ADMIN = `maire.${RUN}@bourg-les-pins.test`;
const AGENT = `guichet.${RUN}@bourg-les-pins.test`;
const SITE_AGENT = `cantine.${RUN}@bourg-les-pins.test`;
const PARENT = `famille.nouvelle.${RUN}@exemple.test`;

/**
 * The newest e-mail to `to` whose subject matches, from the local mailbox: the first link it holds to
 * `pathPart`. The mailbox is a server-rendered page of the outbox: it is opened again until the
 * e-mail is listed (it is there once the change that queued it has committed), then the e-mail's own
 * page is loaded in full, so its content is read from that page and not from the one before.
 */
async function linkFromMailbox(page: Page, subject: RegExp, to: string, pathPart: string) {
  const mail = page.getByRole("link", { name: subject }).filter({ hasText: to }).first();
  await expect
    .poll(
      async () => {
        await page.goto("/dev/mail");
        return mail.count();
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBeGreaterThan(0);
  await page.goto((await mail.getAttribute("href"))!);
  const html = await page.locator("iframe[srcdoc]").getAttribute("srcdoc");
  const link = new RegExp(`href="([^"]*${pathPart}[^"]*)"`).exec(html ?? "")?.[1]?.replaceAll("&amp;", "&");
  expect(link).toBeTruthy();
  return link!;
}

/** Opens an invitation's activation link and chooses the password. */
async function activate(page: Page, email: string) {
  await page.goto(await linkFromMailbox(page, /Activez votre compte Récré/, email, "/activation"));
  await page.getByLabel("Nouveau mot de passe").fill(PASSWORD);
  await page.getByLabel("Confirmez le mot de passe").fill(PASSWORD);
  await page.getByRole("button", { name: "Activer mon compte" }).click();
  await page.waitForURL(/\/connexion\?mot_de_passe=1/);
}

/** The 20 families of the previous software, one row per child. */
function familiesCsv(): string {
  const header =
    "reference_famille;nom_famille;adresse;code_postal;ville;resident;quotient_familial;responsable1_nom;responsable1_prenom;responsable1_email;responsable1_telephone;responsable2_nom;responsable2_prenom;responsable2_email;responsable2_telephone;enfant_nom;enfant_prenom;enfant_date_naissance;enfant_ecole;enfant_classe;allergies;regime";
  const rows = Array.from({ length: 20 }, (_, i) => {
    const n = String(i + 1).padStart(2, "0");
    return `BLP-${n};Famille Pin${n};${i + 1} rue des Pins;40200;Bourg-les-Pins;${i % 4 === 0 ? "non" : "oui"};${500 + i * 20};Pin${n};Alex;alex.pin${n}@exemple.test;06 00 00 00 ${n};;;;;Pin${n};Sam;0${(i % 9) + 1}/03/2018;École des Pins;CE2;;`;
  });
  const dir = mkdtempSync(path.join(tmpdir(), "bourg-"));
  const file = path.join(dir, "familles-bourg-les-pins.csv");
  writeFileSync(file, [header, ...rows].join("\n"), "utf8");
  return file;
}

/** Goes to the next step of the pre-registration once the current one is saved: the step list says where the form is. */
async function nextStep(page: Page, expected: string) {
  await page.getByRole("button", { name: "Enregistrer et continuer" }).click();
  await page.locator('li[aria-current="step"]', { hasText: expected }).waitFor();
}

/**
 * A file written to disk for an upload: a large one is handed to the browser by its path, not sent
 * through the DevTools protocol as a buffer (30 Mo of base64 there takes longer than a click may wait).
 */
function fileOnDisk(name: string, content: Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "bourg-")), name);
  writeFileSync(file, content);
  return file;
}
const pdfOfSize = (size: number) =>
  Buffer.concat([Buffer.from("%PDF-1.4\n1 0 obj\n<< /Length 0 >>\nstream\n"), Buffer.alloc(size, 0x20), Buffer.from("\nendstream\nendobj\ntrailer\n<<>>\n%%EOF\n")]);

/** A file of the previous software with a quote left open on its third line: nothing can be read from it. */
function malformedCsv(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "bourg-"));
  const file = path.join(dir, "familles-mal-formees.csv");
  writeFileSync(file, 'reference_famille;nom_famille\nBLP-01;Famille Pin01\nBLP-02;"Famille Pin02\n', "utf8");
  return file;
}

describe("Bourg-les-Pins goes live", () => {
  it("the operator onboards the commune and its admin activates their account", async () => {
    const page = await newPage(browser);
    await signIn(page, "operateur@recre.test");
    await page.goto("/plateforme");
    const form = page.locator("form").filter({ has: page.getByLabel("Identifiant dans l'adresse") });
    await form.getByLabel("Nom", { exact: true }).fill("Bourg-les-Pins");
    await form.getByLabel("Identifiant dans l'adresse").fill(SLUG);
    await form.getByLabel("Zone de vacances scolaires").selectOption("A");
    await form.getByLabel("Nom du premier administrateur").fill("Mme la Maire");
    await form.getByLabel("E-mail du premier administrateur").fill(ADMIN);
    await form.getByRole("button").last().click();
    await page.getByText("Bourg-les-Pins est ouverte", { exact: false }).waitFor();
    await page.locator("tr").filter({ hasText: `/${SLUG}` }).getByRole("link", { name: "Bourg-les-Pins" }).click();
    await page.waitForURL(/\/plateforme\/[0-9a-f-]+$/);
    // The operator corrects the zone afterwards: Bourg-les-Pins is in zone B.
    await page.getByLabel("Zone de vacances scolaires").selectOption("B");
    await page.getByRole("button", { name: "Enregistrer les réglages" }).click();
    await page.getByText("Réglages enregistrés.").waitFor();

    const admin = await newPage(browser);
    await activate(admin, ADMIN);
    await signIn(admin, ADMIN, PASSWORD);
  }, STEP_TIMEOUT);

  it("the admin configures a canteen: a school year, a site, an activity and its tariff", async () => {
    const page = await newPage(browser);
    await signIn(page, ADMIN, PASSWORD);
    await page.goto(`/${SLUG}/admin/calendrier`);
    await page.getByLabel("Libellé").first().fill("2026-2027");
    await page.getByLabel("Date de début").first().fill("2026-09-01");
    await page.getByLabel("Date de fin").first().fill("2027-07-03");
    await page.getByRole("button", { name: "Créer l'année scolaire" }).click();
    await page.getByText(/2026-2027/).first().waitFor();

    await page.goto(`/${SLUG}/admin/sites`);
    await page.getByLabel("Nom du site").fill("Cantine des Pins");
    await page.getByLabel("Adresse").first().fill("1 place de la Mairie");
    await page.getByRole("button", { name: "Créer le site" }).click();
    await page.getByText("Cantine des Pins").first().waitFor();

    await page.goto(`/${SLUG}/admin/activites`);
    await page.getByLabel("Nom de l'activité").fill("Cantine");
    await page.getByLabel("Capacité par jour (places)").fill("80");
    await page.getByRole("button", { name: "Créer l'activité" }).click();
    // A new activity opens its own page (tariffs, openings) once created.
    await page.waitForURL(new RegExp(`/${SLUG}/admin/activites/[0-9a-f-]{36}$`));
    await page.getByLabel("Applicable à partir du").fill("2026-09-01");
    // Residents default to brackets of quotient familial: one price for everyone here.
    await page.locator("#tarif-residents-methode").selectOption("unit");
    await page.locator("#tarif-residents-prix").fill("3,20");
    await page.locator("#tarif-non-residents-prix").fill("4,50");
    await page.getByRole("button", { name: "Ajouter le tarif" }).click();
    await page.getByText("Tarif enregistré", { exact: false }).waitFor();
  }, STEP_TIMEOUT);

  it("the admin invites a front-desk agent and a site agent for the canteen", async () => {
    const page = await newPage(browser);
    await signIn(page, ADMIN, PASSWORD);
    await page.goto(`/${SLUG}/admin/equipe`);
    for (const [name, email, role] of [
      ["Guy Chet", AGENT, "agent"],
      ["Cathy Cantine", SITE_AGENT, "site_agent"],
    ] as const) {
      const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Envoyer l'invitation" }) });
      await form.getByLabel("Nom et prénom").fill(name);
      await form.getByLabel("Adresse e-mail").fill(email);
      await form.getByLabel("Rôle").selectOption(role);
      if (role === "site_agent") await form.getByLabel("Cantine des Pins").check();
      await form.getByRole("button", { name: "Envoyer l'invitation" }).click();
      await page.getByText(`Invitation envoyée à ${email}.`).waitFor();
    }
    const agent = await newPage(browser);
    await activate(agent, AGENT);
  }, STEP_TIMEOUT);

  it("the admin imports 20 families from the previous software's CSV (a malformed file is refused and changes nothing)", async () => {
    const page = await newPage(browser);
    await signIn(page, ADMIN, PASSWORD);
    await page.goto(`/${SLUG}/admin/familles/import`);
    await page.getByLabel("Fichier CSV").setInputFiles(malformedCsv());
    await page.getByText(/Fichier, ligne \d+ : CSV mal formé/).waitFor();
    expect(await page.getByRole("button", { name: /^Importer/ }).count()).toBe(0);
    await page.goto(`/${SLUG}/admin/familles`);
    await page.getByText("0 dossier famille", { exact: false }).waitFor();

    await page.goto(`/${SLUG}/admin/familles/import`);
    await page.getByLabel("Fichier CSV").setInputFiles(familiesCsv());
    await page.getByText("Familles : 20 à créer", { exact: false }).waitFor();
    await page.getByRole("button", { name: "Importer", exact: true }).click();
    await page.getByText("Familles : 20 créées", { exact: false }).waitFor();
    await page.goto(`/${SLUG}/admin/familles`);
    await page.getByText("20 dossiers famille").waitFor();
    // Searched and paged on the server.
    await page.getByLabel("Nom, référence, enfant ou e-mail").fill("alex.pin07");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.getByRole("link", { name: "Famille Pin07" }).waitFor();
  }, STEP_TIMEOUT);

  it("a new parent creates an account, then pre-registers two children with a proof of address (bad input refused)", async () => {
    const page = await newPage(browser, 375);
    await page.goto("/inscription");
    await page.getByLabel("Adresse e-mail").fill(PARENT);
    await page.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Confirmez le mot de passe").fill(PASSWORD);
    await page.getByRole("button", { name: "Créer mon compte" }).click();
    await page.getByText("un e-mail vient d'être envoyé à cette adresse", { exact: false }).waitFor();
    await page.goto(await linkFromMailbox(page, /Confirmez votre adresse/, PARENT, "/inscription/confirmer"));
    await page.getByRole("button", { name: "Confirmer mon adresse et ouvrir mon compte" }).click();
    await page.getByText("est confirmée et votre compte est ouvert", { exact: false }).waitFor();
    await signIn(page, PARENT, PASSWORD);
    await page.goto("/compte");
    await page.locator(`a[href="/${SLUG}/preinscription"]`).click();
    await page.waitForURL(`**/${SLUG}/preinscription`);

    await page.getByLabel("Nom du foyer").fill("Famille Nouvelle");
    await page.getByLabel("Adresse").fill("5 chemin des Dunes");
    await page.getByLabel("Code postal").fill("40200");
    await page.getByLabel("Ville").fill("Bourg-les-Pins");
    await page.getByLabel("Oui, nous y habitons").check();
    await nextStep(page, "Responsables");

    await page.getByLabel("Prénom").fill("Claire");
    await page.getByLabel("Nom", { exact: true }).fill("Nouvelle");
    await page.getByLabel("Téléphone").fill("06 11 22 33 44");
    await nextStep(page, "Enfants");

    // Hugo's date of birth is first typed in the future: refused, naming the field, and the form stays on the children.
    for (const [i, first, birth, level] of [
      [0, "Emma", "2018-05-12", "CE2"],
      [1, "Hugo", "2030-10-03", "GS"],
    ] as const) {
      await page.getByRole("button", { name: "Ajouter un enfant" }).click();
      const child = page.locator("section").filter({ has: page.getByRole("heading", { name: `Enfant ${i + 1}` }) });
      await child.getByLabel("Prénom").fill(first);
      await child.getByLabel("Date de naissance").fill(birth);
      await child.getByLabel("Classe").selectOption(level);
      await child.getByLabel("École").fill("École des Pins");
      await child.getByText(/^Cantine/).click();
    }
    await page.getByRole("button", { name: "Enregistrer et continuer" }).click();
    await page.getByText("Date de naissance : la date de naissance ne peut pas être dans le futur").first().waitFor();
    await page.locator('li[aria-current="step"]', { hasText: "Enfants" }).waitFor();
    const hugo = page.locator("section").filter({ has: page.getByRole("heading", { name: "Enfant 2" }) });
    await hugo.getByLabel("Date de naissance").fill("2020-10-03");
    await nextStep(page, "Pièces");

    // The draft is kept: leaving and coming back finds it.
    await page.goto(`/${SLUG}/preinscription`);
    expect(await page.getByLabel("Nom du foyer").inputValue()).toBe("Famille Nouvelle");
    await nextStep(page, "Responsables");
    await nextStep(page, "Enfants");
    expect(await hugo.getByLabel("Date de naissance").inputValue()).toBe("2020-10-03");
    await nextStep(page, "Pièces");

    const label = "Justificatif de domicile de moins de 3 mois";
    const proof = page.getByLabel(new RegExp(label));
    await proof.setInputFiles({ name: "virus.exe", mimeType: "application/x-msdownload", buffer: Buffer.from("MZ\x90\x00binaire") });
    await page.getByText(`« ${label} » : seuls les fichiers PDF, JPEG ou PNG sont acceptés`).waitFor();
    await proof.setInputFiles(fileOnDisk("scan-enorme.pdf", pdfOfSize(30 * 1024 * 1024)));
    await page.getByText(`« ${label} » : le fichier ne doit pas dépasser 5 Mo`).waitFor();
    expect(await page.getByText("Envoyé :").count()).toBe(0);
    await proof.setInputFiles({ name: "justificatif.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n") });
    await page.getByText("Envoyé :").waitFor();
    await expectAccessible(page);
    await expectFitsScreen(page);
    await nextStep(page, "Envoi");
    await page.getByText("Emma Nouvelle", { exact: false }).waitFor();
    await page.getByText("Hugo Nouvelle, né(e) le 03/10/2020", { exact: false }).waitFor();
    await page.getByRole("button", { name: "Envoyer ma préinscription" }).click();
    await page.getByText("Votre préinscription est envoyée", { exact: false }).waitFor();
  }, STEP_TIMEOUT);

  it("the agent sees the application waiting, opens its proof of address and accepts; the enrolments are accepted too", async () => {
    const page = await newPage(browser);
    await signIn(page, AGENT, PASSWORD);
    await page.goto(`/${SLUG}/admin`);
    await page.getByRole("link", { name: "Examiner les préinscriptions" }).click();
    await page.getByRole("link", { name: "Famille Nouvelle" }).click();
    await page.getByRole("link", { name: /justificatif\.pdf/ }).waitFor();
    await page.getByText("Emma Nouvelle", { exact: false }).waitFor();
    await page.getByRole("button", { name: "Accepter la préinscription" }).click();
    await page.getByText("Préinscription acceptée", { exact: false }).waitFor();

    await page.goto(`/${SLUG}/admin/inscriptions`);
    for (const child of ["Emma", "Hugo"]) {
      await page.getByRole("button", { name: `Accepter l'inscription de ${child}` }).click();
      await page.getByRole("button", { name: `Accepter l'inscription de ${child}` }).waitFor({ state: "detached" });
    }
    await page.getByText("Aucune demande à traiter.").waitFor();
  }, STEP_TIMEOUT);

  it("the parent finds the family file and books a canteen day", async () => {
    const page = await newPage(browser, 375);
    await signIn(page, PARENT, PASSWORD);
    await page.goto("/compte");
    await page.locator(`a[href="/${SLUG}"]`).first().click();
    await page.waitForURL(`**/${SLUG}`);
    await openPlanningMonth(page, `/${SLUG}/planning`, "décembre 2026", "Cantine");
    // Two children: the planning shows one at a time; Emma's, the eldest, first. Chosen by name all the same.
    await page.getByRole("group", { name: "Enfant" }).getByRole("button", { name: "Emma", exact: true }).click();
    await page.getByRole("group", { name: "Enfant" }).getByRole("button", { name: "Emma", exact: true, pressed: true }).waitFor();
    await page.getByRole("button", { name: /^lundi 7 décembre, Cantine : / }).click();
    await page.getByRole("button", { name: "Valider et voir le récapitulatif" }).click();
    await page.getByRole("table", { name: "Récapitulatif des réservations validées" }).waitFor();
    await expectAccessible(page);
    await expectFitsScreen(page);
  }, STEP_TIMEOUT);

  it("the parent sends a 3 Mo insurance certificate and adds Emma's allergy (pending), the agent accepts it, the site agent sees it and the guardian's phone", async () => {
    const parent = await newPage(browser, 375);
    await signIn(parent, PARENT, PASSWORD);
    await parent.goto(`/${SLUG}/dossier`);
    // The insurance certificate, a 3 Mo scan: sent through its upload route (a 30 Mo one or an executable is refused, naming the document).
    const insurance = parent.locator("form").filter({ has: parent.getByRole("heading", { name: "Assurance responsabilité civile" }) });
    await insurance.getByLabel("Compagnie").fill("Mutuelle des Pins");
    const certificate = insurance.getByLabel("Attestation d'assurance");
    await certificate.setInputFiles(fileOnDisk("attestation.pdf", pdfOfSize(30 * 1024 * 1024)));
    await insurance.getByText("Document : le fichier ne doit pas dépasser 5 Mo").waitFor();
    await certificate.setInputFiles({ name: "attestation.exe", mimeType: "application/x-msdownload", buffer: Buffer.from("MZ\x90\x00binaire") });
    await insurance.getByText("Document : seuls les fichiers PDF, JPEG ou PNG sont acceptés.").waitFor();
    await certificate.setInputFiles(fileOnDisk("attestation-assurance.pdf", pdfOfSize(3 * 1024 * 1024)));
    await insurance.getByText("Document « attestation-assurance.pdf » prêt", { exact: false }).waitFor();
    await insurance.getByRole("button", { name: "Enregistrer" }).click();
    await insurance.getByText(/Modification enregistrée\.|la modification est en attente de validation/).waitFor();
    await expectAccessible(parent);
    await expectFitsScreen(parent);

    await parent.getByRole("link", { name: /Emma Nouvelle/ }).click();
    await parent.waitForURL(`**/${SLUG}/dossier/enfants/**`);
    await parent.getByRole("button", { name: "Ajouter une allergie" }).click();
    await parent.getByLabel("Allergène").last().fill("Arachide");
    await parent.getByLabel("Gravité").last().selectOption("severe");
    const allergies = parent.locator("form").filter({ has: parent.getByRole("heading", { name: "Allergies" }) });
    await allergies.getByRole("button", { name: "Enregistrer" }).click();
    await parent.getByText("la modification est en attente de validation").waitFor();
    await parent.reload();
    await parent.getByText("En attente de validation par la mairie").waitFor();

    const agent = await newPage(browser);
    await signIn(agent, AGENT, PASSWORD);
    await agent.goto(`/${SLUG}/admin/modifications`);
    const change = agent.getByRole("listitem").filter({ hasText: "Famille Nouvelle" }).filter({ hasText: "Arachide" });
    await change.getByRole("button", { name: "Accepter" }).click();
    await agent.getByText("Modification acceptée : la famille est prévenue.").waitFor();

    // Accepted: the parent's file has it, nothing waits any more.
    await parent.reload();
    expect(await parent.getByText("En attente de validation par la mairie").count()).toBe(0);
    expect(await parent.getByLabel("Allergène").first().inputValue()).toBe("Arachide");

    const site = await newPage(browser, 375);
    await activate(site, SITE_AGENT);
    await signIn(site, SITE_AGENT, PASSWORD);
    await site.goto(`/${SLUG}/site`);
    await site.getByRole("link", { name: "Liste et pointage : Cantine des Pins" }).click();
    await site.waitForURL(`**/${SLUG}/site/**`);
    // The day Emma is booked: the list of any day can be opened ahead.
    await site.goto(site.url().replace(/date=[0-9-]+/, "date=2026-12-07"));
    const emma = site.getByRole("listitem").filter({ has: site.getByRole("heading", { name: "Emma Nouvelle" }) });
    await emma.getByText(/Allergies : .*Arachide/).waitFor();
    expect(await emma.getByRole("link", { name: /^Appeler Claire Nouvelle au 06 11 22 33 44$/ }).getAttribute("href")).toBe("tel:0611223344");
  }, STEP_TIMEOUT);

  it("the next invoice run bills the booked day", async () => {
    const page = await newPage(browser);
    await signIn(page, ADMIN, PASSWORD);
    await page.goto(`/${SLUG}/admin/facturation`);
    await page.getByLabel("Mois facturé").fill("2026-12");
    await page.getByLabel("À l'avance (réservations du mois)").check();
    await page.getByRole("button", { name: "Prévisualiser" }).click();
    await page.getByText("Famille Nouvelle").first().waitFor();
    await page.getByRole("button", { name: "Émettre les factures" }).click();
    const question = page.getByRole("alertdialog", { name: /^Émettre \d+ factures? pour décembre 2026 \?$/i });
    await question.getByRole("button", { name: /^Émettre \d+ factures?$/ }).click();
    await page.getByText("Émission terminée").waitFor({ timeout: 30_000 });

    const parent = await newPage(browser, 375);
    await signIn(parent, PARENT, PASSWORD);
    await parent.goto(`/${SLUG}/factures`);
    await parent.getByText(/décembre 2026/i).first().waitFor();
    expect(await parent.getByText("3,20", { exact: false }).count()).toBeGreaterThan(0);
  }, STEP_TIMEOUT);
});
