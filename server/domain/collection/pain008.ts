import { create } from "xmlbuilder2";

/**
 * A SEPA Core direct-debit initiation file, ISO 20022 pain.008.001.02: one payment information block
 * (PmtInf) per sequence type (FRST: a mandate's first debit; RCUR: the following ones), each with its
 * number of transactions and control sum; the group header carries the totals of the whole file.
 */

export interface Pain008Transaction {
  endToEndId: string;
  amountCents: number;
  sequenceType: "FRST" | "RCUR";
  rum: string;
  signatureDate: string;
  debtorName: string;
  iban: string;
  bic: string;
  remittance: string;
}

export interface Pain008File {
  messageId: string;
  createdAt: Date;
  collectionDate: string;
  creditor: { name: string; iban: string; bic: string; creditorId: string };
  transactions: Pain008Transaction[];
}

/** Cents as the file's decimal amount, "1234.50", computed on integers (no floating point). */
export const decimalAmount = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;

/**
 * SEPA's Latin character set: letters, digits and / - ? : ( ) . , ' + and space. Accents are
 * transliterated, anything else becomes a space; the length is cut to the field's maximum.
 */
export function sepaText(text: string, max: number): string {
  const plain = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, " ").replace(/\s+/g, " ").trim();
  return (plain || "-").slice(0, max);
}

const sum = (list: Pain008Transaction[]) => list.reduce((s, t) => s + t.amountCents, 0);

/** ISO date-time without milliseconds, in UTC: "2026-11-25T08:00:00Z". */
const isoSeconds = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

export function buildPain008(file: Pain008File): string {
  const doc = create({ version: "1.0", encoding: "UTF-8" }).ele("urn:iso:std:iso:20022:tech:xsd:pain.008.001.02", "Document");
  const root = doc.ele("CstmrDrctDbtInitn");
  const header = root.ele("GrpHdr");
  header.ele("MsgId").txt(sepaText(file.messageId, 35));
  header.ele("CreDtTm").txt(isoSeconds(file.createdAt));
  header.ele("NbOfTxs").txt(String(file.transactions.length));
  header.ele("CtrlSum").txt(decimalAmount(sum(file.transactions)));
  header.ele("InitgPty").ele("Nm").txt(sepaText(file.creditor.name, 70));

  for (const sequenceType of ["FRST", "RCUR"] as const) {
    const list = file.transactions.filter((t) => t.sequenceType === sequenceType);
    if (!list.length) continue;
    const block = root.ele("PmtInf");
    block.ele("PmtInfId").txt(sepaText(`${file.messageId}-${sequenceType}`, 35));
    block.ele("PmtMtd").txt("DD");
    block.ele("BtchBookg").txt("true");
    block.ele("NbOfTxs").txt(String(list.length));
    block.ele("CtrlSum").txt(decimalAmount(sum(list)));
    const type = block.ele("PmtTpInf");
    type.ele("SvcLvl").ele("Cd").txt("SEPA");
    type.ele("LclInstrm").ele("Cd").txt("CORE");
    type.ele("SeqTp").txt(sequenceType);
    block.ele("ReqdColltnDt").txt(file.collectionDate);
    block.ele("Cdtr").ele("Nm").txt(sepaText(file.creditor.name, 70));
    block.ele("CdtrAcct").ele("Id").ele("IBAN").txt(file.creditor.iban);
    block.ele("CdtrAgt").ele("FinInstnId").ele("BIC").txt(file.creditor.bic);
    block.ele("ChrgBr").txt("SLEV");
    const scheme = block.ele("CdtrSchmeId").ele("Id").ele("PrvtId").ele("Othr");
    scheme.ele("Id").txt(file.creditor.creditorId);
    scheme.ele("SchmeNm").ele("Prtry").txt("SEPA");
    for (const t of list) {
      const tx = block.ele("DrctDbtTxInf");
      tx.ele("PmtId").ele("EndToEndId").txt(sepaText(t.endToEndId, 35));
      tx.ele("InstdAmt", { Ccy: "EUR" }).txt(decimalAmount(t.amountCents));
      const mandate = tx.ele("DrctDbtTx").ele("MndtRltdInf");
      mandate.ele("MndtId").txt(sepaText(t.rum, 35));
      mandate.ele("DtOfSgntr").txt(t.signatureDate);
      tx.ele("DbtrAgt").ele("FinInstnId").ele("BIC").txt(t.bic);
      tx.ele("Dbtr").ele("Nm").txt(sepaText(t.debtorName, 70));
      tx.ele("DbtrAcct").ele("Id").ele("IBAN").txt(t.iban);
      tx.ele("RmtInf").ele("Ustrd").txt(sepaText(t.remittance, 140));
    }
  }
  return doc.end({ prettyPrint: true });
}
