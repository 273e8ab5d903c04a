export { toMinorUnits, toMajorUnits, formatMoney, MoneyError, InvalidAmountError } from './money';
