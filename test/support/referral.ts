/** A referral that passes every access rule (R1, R3, R8), as a typed line and as form values. */
export const CLIENT = '123A456789';

export const REFERRAL_LINE =
  `vormerken kunde=${CLIENT} gruppe=ue25 zugang=formal prognose=nicht-marktnah hb=gesundheit,sucht,schulden ` +
  'integration12=nein einschaetzung=ja zustimmung=ja informiert=ja verbis=ja';

/** The form values of the same referral, without the needs (each platform sends those its own way). */
export const REFERRAL_FORM = {
  kunde: CLIENT,
  gruppe: 'ue25',
  zugang: 'formal',
  prognose: 'nicht-marktnah',
  integration12: 'nein',
  einschaetzung: 'ja',
  zustimmung: 'ja',
  informiert: 'ja',
  verbis: 'ja',
};
