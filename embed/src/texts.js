// The widget's words, one object per language, picked by <html lang>. The
// English texts are the server's own form's, word for word.
const TEXTS = {
  en: {
    heading: "Comments",
    none: "No comments yet.",
    more: "Load more",
    add: "Add new comment",
    reply: "Reply",
    replyingTo: "Replying to",
    cancelReply: "Cancel reply",
    honeypot: "Leave this field empty",
    name: "Your name",
    mail: "Email",
    mailPrivate: "The content of this field is kept private and will not be shown publicly.",
    comment: "Comment",
    required: "This field is required.",
    format: "Text format:",
    plain: "Plain text",
    tips: [
      "No HTML tags allowed.",
      "Lines and paragraphs break automatically.",
      "Web page addresses and email addresses turn into links automatically.",
    ],
    notify: "Notify me by e-mail when someone replies",
    notifyHelp: "Needs your e-mail address above. Every notice has a link to stop them.",
    captcha: "CAPTCHA",
    captchaAbout:
      "This question is for testing whether or not you are a human visitor and to prevent automated spam submissions.",
    math: "Math question",
    mathHelp: "Solve this simple math problem and enter the result. E.g. for 1+3, enter 4.",
    save: "Save",
    preview: "Preview",
    previewHeading: "Preview comment",
    notSaved: "Your comment is not saved yet: check it below and press Save.",
    notVerified: "(not verified)",
    edited: "edited",
    inReplyTo: "In reply to",
    edit: "Edit",
    del: "Delete",
    report: "Report",
    pick: "Newsroom pick",
    cancel: "Cancel",
    confirmDelete: "Delete your comment? This cannot be undone from here.",
    closed: "Comments are closed.",
    failed: "The comments could not be reached. Try again later.",
    count: (n) => (n === 1 ? "1 comment" : `${n} comments`),
  },
};

const language = () => {
  const lang = (document.documentElement.lang || "en").toLowerCase().split("-")[0];
  return TEXTS[lang] ? lang : "en";
};
