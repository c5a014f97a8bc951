export class CodeBookPage {
  constructor(page) {
    this.page = page;
    this.tree = page.getByRole('tree');
    this.detail = page.locator('.detail-col');
  }

  row(name) {
    return this.tree.getByRole('treeitem').filter({ has: this.page.locator('.theme-name', { hasText: new RegExp(`^${name}$`) }) });
  }

  async create(name) {
    await this.page.getByTestId('new-theme-name').fill(name);
    await this.page.getByRole('button', { name: '添加' }).click();
    await this.row(name).waitFor();
  }

  async select(name) {
    await this.row(name).locator('.theme-select').click();
    await this.detail.getByRole('heading', { name }).waitFor();
  }

  async edit({ name, parent, memo }) {
    if (name !== undefined) await this.detail.getByLabel('名称').fill(name);
    if (parent !== undefined) await this.detail.getByLabel('上级主题').selectOption({ label: parent });
    if (memo !== undefined) await this.detail.getByLabel('主题备忘').fill(memo);
    await this.detail.getByRole('button', { name: '保存' }).click();
  }

  /** The in-app confirmation a merge or delete asks for. */
  get confirmDialog() {
    return this.page.getByTestId('confirm-dialog');
  }

  /** Ask to merge into `name` (targets are indented by their depth in the tree); `confirm` answers the dialog. */
  async mergeInto(name, { confirm = true } = {}) {
    const select = this.detail.getByLabel('合并到');
    const value = await select.evaluate((el, n) => [...el.options].find((o) => o.text.trim() === n)?.value, name);
    await select.selectOption(value);
    await this.detail.getByRole('button', { name: '合并' }).click();
    await this.answer(confirm ? '合并' : '取消');
  }

  async deleteSelected(mode, { confirm = true } = {}) {
    await this.detail.getByLabel('删除方式').selectOption(mode);
    await this.detail.getByRole('button', { name: '删除' }).click();
    await this.answer(confirm ? '删除' : '取消');
  }

  async answer(button) {
    await this.confirmDialog.getByRole('button', { name: button, exact: true }).click();
    await this.confirmDialog.waitFor({ state: 'detached' });
  }
}
