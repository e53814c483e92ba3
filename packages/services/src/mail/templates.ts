import type { OutgoingMail } from './mailer.ts';

/** Every message carries French first, then English, as the interface does. */
function bilingual(kind: string, to: string, subject: string, fr: string, en: string): OutgoingMail {
  return {
    kind,
    to,
    subject,
    text: `${fr}\n\n— English below —\n\n${en}\n\n--\nRetaille`,
  };
}

export const mailTemplates = {
  verifyEmail: (to: string, name: string, url: string) =>
    bilingual(
      'verify-email',
      to,
      'Confirmez votre adresse e-mail — Confirm your e-mail address',
      `Bonjour ${name},\n\nPour activer votre compte Retaille, confirmez votre adresse en ouvrant ce lien (valable 24 heures) :\n${url}\n\nSi vous n'avez pas créé de compte, ignorez ce message.`,
      `Hello ${name},\n\nTo activate your Retaille account, confirm your address by opening this link (valid for 24 hours):\n${url}\n\nIf you did not create an account, ignore this message.`,
    ),
  resetPassword: (to: string, name: string, url: string) =>
    bilingual(
      'reset-password',
      to,
      'Réinitialisation du mot de passe — Password reset',
      `Bonjour ${name},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable 1 heure, utilisable une fois) :\n${url}\n\nSi vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.`,
      `Hello ${name},\n\nTo choose a new password, open this link (valid for 1 hour, usable once):\n${url}\n\nIf you did not ask for this, ignore this message: your password is unchanged.`,
    ),
  existingAccount: (to: string, name: string, signInUrl: string) =>
    bilingual(
      'existing-account',
      to,
      'Vous avez déjà un compte — You already have an account',
      `Bonjour ${name},\n\nQuelqu'un (peut-être vous) a essayé de créer un compte Retaille avec cette adresse, qui en a déjà un. Connectez-vous ici, ou réinitialisez votre mot de passe si vous l'avez oublié :\n${signInUrl}`,
      `Hello ${name},\n\nSomeone (maybe you) tried to create a Retaille account with this address, which already has one. Sign in here, or reset your password if you forgot it:\n${signInUrl}`,
    ),
  invitation: (to: string, inviter: string, siteName: string, url: string) =>
    bilingual(
      'invitation',
      to,
      `Invitation à rejoindre ${siteName} — Invitation to join ${siteName}`,
      `Bonjour,\n\n${inviter} vous invite à rejoindre « ${siteName} » sur Retaille. Acceptez l'invitation ici (valable 7 jours) :\n${url}`,
      `Hello,\n\n${inviter} invites you to join “${siteName}” on Retaille. Accept the invitation here (valid for 7 days):\n${url}`,
    ),
};
