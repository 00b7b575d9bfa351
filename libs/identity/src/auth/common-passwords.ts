/**
 * Passwords of 10+ characters that lead the public breach lists (SecLists
 * "10k most common", NordPass yearly lists, Chinese leaks). Short ones are
 * already refused by the length rule.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '1234567890', '0123456789', '0987654321', '1234567891', '1111111111', '0000000000', '1234512345',
  '1122334455', '1029384756', '1357924680', '123456789a', 'a123456789', '1234567890a', 'qwertyuiop',
  'qwertyuiop1', 'qwerty1234', 'qwerty12345', '1qaz2wsx3edc', '1q2w3e4r5t', '1q2w3e4r5t6y', 'zaq12wsxcde3',
  'asdfghjkl1', 'zxcvbnm123', 'password12', 'password123', 'password1234', 'password!1', 'passw0rd12',
  'p@ssw0rd123', 'iloveyou12', 'iloveyou123', 'abcdefghij', 'abcd123456', 'abc1234567', 'abcdefg123',
  'aa12345678', 'a1b2c3d4e5', 'football12', 'baseball12', 'basketball', 'superman12', 'starwars12',
  'dragon1234', 'princess12', 'sunshine12', 'welcome123', 'welcome1234', 'letmein123', 'trustno1234',
  'administrator', 'admin12345', 'admin123456', 'adminadmin', 'changeme123', 'monkey1234', 'michael123',
  'jennifer12', 'computer12', 'internet12', 'whatever12', 'q1w2e3r4t5', '5201314520', '520131452013',
  'woaini1314', 'woaini520520', 'aini1314520', 'qq123456789', 'zxcvbnmasdf', 'asdasdasdasd', 'qazwsxedc123',
  'a1234567890', 'abc123456789', '12345678910', '1234567899', '9876543210', '11223344556', '147258369a',
  '1472583690', '147258369258', '789456123a', '7894561230', '123123123123', '1231231231', 'ffffffffff',
  'anchorlink123', 'anchorlink2026', 'supplier123', 'company1234',
]);
