import { XMLParser } from "fast-xml-parser";
import { create } from "xmlbuilder2";
import { ProviderUnavailable } from "../types";

/**
 * The two operations of PayFiP's SOAP service we use (WSDL: PaiementSecuriseService, document/literal):
 * `creerPaiementSecurise` opens an operation and answers its `idOp`; `recupererDetailPaiementSecurise`
 * says how it ended. The envelope is written by hand from the WSDL's schemas: the operation element is
 * in the service's namespace, `arg0` and its fields are unqualified.
 */

export const PAYFIP_NS = "http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService";
const SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";

/** CreerPaiementSecuriseRequest, in the schema's order. */
export interface CreatePaymentRequest {
  exer: string;
  mel: string;
  montant: string;
  numcli: string;
  objet: string;
  refdet: string;
  saisie: string;
  urlnotif: string;
  urlredirect: string;
}

/** RecupererDetailPaiementSecuriseResponse. */
export interface PaymentDetail {
  dattrans?: string;
  heurtrans?: string;
  exer?: string;
  idOp?: string;
  mel?: string;
  montant?: string;
  numauto?: string;
  numcli?: string;
  objet?: string;
  refdet?: string;
  resultrans?: string;
  saisie?: string;
}

/** A SOAP fault PayFiP answered (FonctionnelleErreur: the request itself is refused, e.g. an unknown idOp). */
export class PayfipFault extends Error {
  constructor(
    readonly kind: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function envelope(operation: string, arg0: Record<string, string>): string {
  const doc = create({ version: "1.0", encoding: "UTF-8" }).ele(SOAP_NS, "soapenv:Envelope").att("xmlns:pai", PAYFIP_NS);
  doc.ele(SOAP_NS, "soapenv:Header");
  const arg = doc.ele(SOAP_NS, "soapenv:Body").ele(PAYFIP_NS, `pai:${operation}`).ele("arg0");
  for (const [name, value] of Object.entries(arg0)) arg.ele(name).txt(value);
  return doc.end({ prettyPrint: false });
}

const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, trimValues: true });

/** The `return` of an operation's response, or a PayfipFault. */
export function parseResponse(xml: string, operation: string): Record<string, unknown> {
  const body = (parser.parse(xml) as { Envelope?: { Body?: Record<string, unknown> } })?.Envelope?.Body;
  if (!body) throw new ProviderUnavailable("payfip: réponse SOAP illisible");
  const fault = body.Fault as { faultstring?: string; detail?: Record<string, { code?: string; libelle?: string; message?: string }> } | undefined;
  if (fault) {
    const [kind, detail] = Object.entries(fault.detail ?? {})[0] ?? ["Fault", {}];
    throw new PayfipFault(kind, String(detail?.code ?? ""), String(detail?.libelle ?? detail?.message ?? fault.faultstring ?? "erreur PayFiP"));
  }
  const answer = body[`${operation}Response`] as { return?: Record<string, unknown> } | undefined;
  if (!answer) throw new ProviderUnavailable(`payfip: pas de réponse à ${operation}`);
  return answer.return ?? {};
}

/** Posts one operation; network failures, timeouts and technical faults are the provider being unavailable. */
export async function callPayfip(url: string, operation: string, arg0: Record<string, string>, timeoutMs: number): Promise<Record<string, unknown>> {
  let text: string;
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "text/xml; charset=utf-8", soapaction: '""' },
      body: envelope(operation, arg0),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
    if (!response.ok && !text.includes("Fault")) throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    throw new ProviderUnavailable(`payfip: ${operation} : ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return parseResponse(text, operation);
  } catch (error) {
    // Technical faults (Tech…Erreur) mean "try later"; a functional fault is a refusal the caller reads.
    if (error instanceof PayfipFault && error.kind.startsWith("Tech")) throw new ProviderUnavailable(`payfip: ${error.kind} ${error.code} ${error.message}`);
    throw error;
  }
}
