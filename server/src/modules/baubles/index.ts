export { BaubleCampaign, PickupWindow } from './campaign.entity.js';
export { BaubleSignup, BaubleSignupEvent } from './signup.entity.js';
export { Greeting } from './greeting.entity.js';
export { BaubleCampaignResolver, BaubleSignupEventResolver, BaubleSignupResolver } from './baubles.resolver.js';
export { runDeadlineChores } from './campaign.service.js';
export { cancelActiveSignupsOf, deleteGreetingsOf, forgetCampaignsBefore, stockEvent, type StockChange } from './signup.service.js';
