import { QUEUE_BOARD_PATH } from './board-session';

/**
 * A browser cannot send a bearer token when it navigates: this page takes an admin's token once,
 * trades it (POST /admin/queues/session, in the Authorization header) for a short session
 * cookie that only /admin/queues receives, and opens the dashboard. The token is never put in a
 * URL (where logs and history would keep it) nor stored by the page.
 */
export const SIGN_IN_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Job queues: sign in</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
</head>
<body>
<h1>Job queues</h1>
<form id="sign-in">
<label for="token">Admin bearer token</label><br>
<textarea id="token" rows="6" cols="80" autocomplete="off" spellcheck="false" required></textarea><br>
<button type="submit">Open the dashboard</button>
</form>
<p id="error" role="alert"></p>
<script src="${QUEUE_BOARD_PATH}/sign-in.js"></script>
</body>
</html>
`;

export const SIGN_IN_SCRIPT = `document.getElementById('sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const field = document.getElementById('token');
  const error = document.getElementById('error');
  const response = await fetch('${QUEUE_BOARD_PATH}/session', {
    method: 'POST',
    headers: { authorization: 'Bearer ' + field.value.trim() },
    credentials: 'same-origin',
  });
  field.value = '';
  if (response.ok) {
    window.location.assign('${QUEUE_BOARD_PATH}');
    return;
  }
  const problem = await response.json().catch(() => ({}));
  error.textContent = problem.detail || 'Sign-in failed (' + response.status + ').';
});
`;
